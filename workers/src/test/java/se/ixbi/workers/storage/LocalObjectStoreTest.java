package se.ixbi.workers.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path root;

    private ObjectStore store;

    @BeforeEach
    void open() {
        store = new LocalObjectStore(root, "ixbi");
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void keysCannotLeaveTheStore() {
        assertThatThrownBy(() -> store.put("../outside", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.key(root.resolve("other/x").toUri())).isInstanceOf(IllegalArgumentException.class);
    }
}
