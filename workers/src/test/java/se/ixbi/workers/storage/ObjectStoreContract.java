package se.ixbi.workers.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every object store does, run against each implementation. */
abstract class ObjectStoreContract {

    @TempDir
    Path work;

    abstract ObjectStore store();

    @Test
    void aFileGoesUpAndComesBackByteForByteWithItsChecksum() throws IOException {
        // 40 MiB: more than two S3 parts, so the upload is multipart
        Path file = randomFile("scan.h5", 40 << 20, 1);
        String key = "cases/IXBI-2026-000001/CORE-1/xray/raw/scan.h5";

        StoredObject stored = store().put(key, file);
        Path back = work.resolve("back.h5");
        StoredObject read = store().download(key, back, stored.sha256());

        assertThat(stored.sha256()).isEqualTo(Sha256.of(file));
        assertThat(stored.size()).isEqualTo(40 << 20);
        assertThat(read.sha256()).isEqualTo(stored.sha256());
        assertThat(Files.mismatch(file, back)).isEqualTo(-1);
        assertThat(store().stat(key)).hasValueSatisfying(s -> {
            assertThat(s.size()).isEqualTo(40 << 20);
            assertThat(s.sha256()).isEqualTo(stored.sha256());
        });
    }

    @Test
    void aDownloadThatDoesNotMatchItsChecksumIsRefusedAndLeavesNoFile() throws IOException {
        Path file = randomFile("a.bin", 1000, 2);
        store().put("cases/X/a.bin", file);
        Path target = work.resolve("a-copy.bin");

        assertThatThrownBy(() -> store().download("cases/X/a.bin", target, "0".repeat(64)))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("cases/X/a.bin");
        assertThat(target).doesNotExist();
    }

    @Test
    void rewritingAKeyReplacesTheObjectRatherThanAddingOne() {
        store().put("cases/X/p.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        store().put("cases/X/p.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(store().list("cases/X/")).extracting(StoredObject::key).containsExactly("cases/X/p.json");
        assertThat(new String(store().read("cases/X/p.json"), StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
    }

    @Test
    void listingIsByPrefixInKeyOrder() {
        for (String key : new String[] {"cases/B/2", "cases/A/1", "cases/A/0/z", "cases/AB/3"}) {
            store().put(key, key.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(store().list("cases/A/")).extracting(StoredObject::key)
                .containsExactly("cases/A/0/z", "cases/A/1");
        assertThat(store().list("cases/A/")).extracting(StoredObject::size).containsExactly(11L, 9L);
    }

    @Test
    void missingObjectsAreNamed() {
        assertThat(store().stat("cases/none")).isEmpty();
        assertThatThrownBy(() -> store().read("cases/none")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("cases/none");
        assertThatThrownBy(() -> store().download("cases/none", work.resolve("n"), null))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void uriAndKeyAreInverse() {
        String key = "cases/IXBI-2026-000001/CORE-1/xray/reconstructed/d.zarr/.zattrs";

        assertThat(store().key(store().uri(key))).isEqualTo(key);
        assertThatThrownBy(() -> store().key(java.net.URI.create("s3://elsewhere/x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysWithSpacesAndReservedCharactersRoundTripThroughTheirUri() {
        String key = "cases/IXBI-2026-000001/core #1/xray/raw/scan 50%.h5";
        store().put(key, new byte[] {1, 2, 3});

        assertThat(store().key(store().uri(key))).isEqualTo(key);
        assertThat(store().read(store().key(store().uri(key)))).containsExactly(1, 2, 3);
    }

    private Path randomFile(String name, int size, long seed) throws IOException {
        Path file = work.resolve(name);
        Random random = new Random(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, Math.min(block.length, size - written));
            }
        }
        return file;
    }
}
