package se.ixbi.workers.omezarr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is written is what is read back, and an image appears under its name complete or not at all. */
class OmeZarrWriterTest {

    @TempDir
    Path dir;

    private static float[] slice(int z, int h, int w) {
        float[] s = new float[h * w];
        for (int i = 0; i < s.length; i++) {
            s[i] = z * 1000 + i * 0.5f;
        }
        return s;
    }

    @Test
    void everyCodecReadsBackExactlyWhatWasWritten() {
        for (ChunkCodec codec : ChunkCodec.values()) {
            Path out = dir.resolve(codec + ".zarr");
            // 21 × 19 × 17 with 8³ chunks: partial chunks on every axis
            try (OmeZarrWriter w = new OmeZarrWriter(out, 21, 19, 17, 0.65, 2, 8, codec, Map.of())) {
                for (int z = 0; z < 21; z++) {
                    w.addSlice(slice(z, 19, 17));
                }
                w.commit();
            }
            ZarrVolume v = ZarrVolume.read(out.resolve("0"));
            assertThat(new int[] {v.depth(), v.height(), v.width()}).containsExactly(21, 19, 17);
            for (int z = 0; z < 21; z++) {
                float[] expected = slice(z, 19, 17);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(v.values()[z * 19 * 17 + i]).as("%s z=%d i=%d", codec, z, i).isEqualTo(expected[i]);
                }
            }
            assertThat(ZarrVolume.read(out.resolve("1")).depth()).isEqualTo(10);
        }
    }

    @Test
    void anImageClosedWithoutCommitLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("interrupted.zarr");
        try (OmeZarrWriter w = new OmeZarrWriter(out, 16, 8, 8, 1.0, 2, 8, ChunkCodec.ZSTD, Map.of())) {
            for (int z = 0; z < 9; z++) {
                w.addSlice(slice(z, 8, 8));
            }
            // a failure here: no commit
        }
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anExistingImageIsNeverOverwritten() {
        Path out = dir.resolve("taken.zarr");
        try (OmeZarrWriter w = new OmeZarrWriter(out, 2, 4, 4, 1.0, 1, 8, ChunkCodec.NONE, Map.of())) {
            w.addSlice(slice(0, 4, 4));
            w.addSlice(slice(1, 4, 4));
            w.commit();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new OmeZarrWriter(out, 2, 4, 4, 1.0, 1, 8, ChunkCodec.NONE, Map.of()))
                .hasMessageContaining("already exists");
    }
}
