package se.ixbi.objectreader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileUnderTheLocalStoreAndNothingOutsideIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("objects"));
        Path picture = Files.createDirectories(root.resolve("ixbi/cases/C-1")).resolve("xy.png");
        Files.write(picture, new byte[] {1, 2, 3});
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not an object");
        ObjectReader reader = new ObjectReader(new ObjectStoreProperties(root, null, null, null));

        assertArrayEquals(new byte[] {1, 2, 3}, reader.read(picture.toUri()).orElseThrow());
        assertEquals(Optional.empty(), reader.read(root.resolve("ixbi/cases/C-1/none.png").toUri()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> reader.read(root.resolve("../secret.txt").toUri()));
        assertTrue(refused.getMessage().contains("outside the object store"), refused.getMessage());
        assertTrue(Files.exists(outside));
        assertThrows(IllegalArgumentException.class, () -> reader.read(java.net.URI.create("http://example.org/x")));
    }

    @Test
    void anS3ObjectWithoutAnEndpointSaysWhatIsMissing() {
        ObjectReader reader = new ObjectReader(new ObjectStoreProperties(dir, null, null, null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reader.read(java.net.URI.create("s3://ixbi/cases/C-1/xy.png")));
        assertTrue(e.getMessage().contains("ixbi.objects.endpoint"), e.getMessage());
    }
}
