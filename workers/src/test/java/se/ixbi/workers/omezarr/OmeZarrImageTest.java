package se.ixbi.workers.omezarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.ixbi.gpu.registration.Volume;

/**
 * Images written by zarr-python (test resources {@code foreign-zarr/}, made by its {@code make.py}): every codec and
 * dtype reads back the values {@code (7z + 3y + x) mod 251} and the physical grid the metadata states.
 */
class OmeZarrImageTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(OmeZarrImageTest.class.getResource("/foreign-zarr/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blosc-u16-5d.zarr", "zlib-f4-be.zarr", "gzip-i16.zarr", "zstd-f8.zarr"})
    void readsZarrPythonImagesOfEveryCodecAndDtype(String name) throws Exception {
        OmeZarrImage image = OmeZarrImage.open(fixture(name));
        Volume v = image.read(0);
        assertThat(v.shape()).containsExactly(10, 9, 8);
        for (int z = 0; z < 10; z++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 8; x++) {
                    assertThat(v.at(z, y, x)).as("%s at %d,%d,%d", name, z, y, x)
                            .isEqualTo((float) ((7 * z + 3 * y + x) % 251));
                }
            }
        }
        Volume coarse = image.read(1);
        assertThat(coarse.shape()).containsExactly(5, 5, 4);
        assertThat(coarse.at(2, 3, 1)).isEqualTo((float) ((7 * 4 + 3 * 6 + 2) % 251));
    }

    @Test
    void convertsUnitsAndAppliesScaleAndTranslation() throws Exception {
        OmeZarrImage nm = OmeZarrImage.open(fixture("blosc-u16-5d.zarr"));
        assertThat(nm.levels().get(0).spacingUm()).containsExactly(new double[] {0.05, 0.01, 0.01}, within(1e-12));
        assertThat(nm.levels().get(0).originUm()).containsExactly(new double[] {0.1, 0, -0.02}, within(1e-12));
        assertThat(nm.levels().get(1).spacingUm()).containsExactly(new double[] {0.1, 0.02, 0.02}, within(1e-12));
        OmeZarrImage mm = OmeZarrImage.open(fixture("zstd-f8.zarr"));
        assertThat(mm.levels().get(0).spacingUm()).containsExactly(new double[] {1, 1, 1}, within(1e-9));
        OmeZarrImage um = OmeZarrImage.open(fixture("zlib-f4-be.zarr"));
        assertThat(um.read(0).origin()).containsExactly(new double[] {0, 3, 0}, within(1e-12));
        assertThat(um.read(0).spacing()).containsExactly(new double[] {2, 1.5, 1.5}, within(1e-12));
        // the coarsest level still at least as fine as asked for
        assertThat(nm.levelFor(0.015)).isEqualTo(0);
        assertThat(nm.levelFor(0.5)).isEqualTo(1);
    }

    @Test
    void aMissingChunkReadsAsTheFillValue() throws Exception {
        Volume v = OmeZarrImage.open(fixture("raw-u8-missing-chunk.zarr")).read(0);
        assertThat(v.at(4, 4, 4)).isEqualTo(7f); // chunk 1/1/1 was removed
        assertThat(v.at(0, 0, 1)).isEqualTo(1f);
        assertThat(v.at(9, 8, 7)).isEqualTo((float) ((63 + 24 + 7) % 251));
    }

    @Test
    void readsWhatThisProjectWrites(@TempDir Path dir) {
        Path out = dir.resolve("written.zarr");
        try (OmeZarrWriter w = new OmeZarrWriter(out, 4, 5, 6, 0.65, 2, 4, ChunkCodec.BLOSC, Map.of())) {
            for (int z = 0; z < 4; z++) {
                float[] slice = new float[30];
                for (int i = 0; i < 30; i++) {
                    slice[i] = z * 100 + i + 0.25f;
                }
                w.addSlice(slice);
            }
            w.commit();
        }
        Volume v = OmeZarrImage.open(out).read(0);
        assertThat(v.at(3, 4, 5)).isEqualTo(329.25f);
        assertThat(v.spacing()).containsExactly(0.65, 0.65, 0.65);
    }

    @Test
    void badImagesAreRefusedWithTheReason(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> OmeZarrImage.open(dir)).hasMessageContaining("no .zattrs");
        Files.writeString(dir.resolve(".zattrs"), "{\"multiscales\":[{\"version\":\"0.4\",\"axes\":["
                + "{\"name\":\"z\",\"type\":\"space\",\"unit\":\"parsec\"},{\"name\":\"y\",\"type\":\"space\"},"
                + "{\"name\":\"x\",\"type\":\"space\"}],\"datasets\":[{\"path\":\"0\"}]}]}");
        assertThatThrownBy(() -> OmeZarrImage.open(dir)).hasMessageContaining("unit 'parsec'");
        Files.writeString(dir.resolve(".zattrs"), "{\"multiscales\":[{\"version\":\"0.4\",\"axes\":["
                + "{\"name\":\"z\",\"type\":\"space\"},{\"name\":\"y\",\"type\":\"space\"},"
                + "{\"name\":\"x\",\"type\":\"space\"}],\"datasets\":[{\"path\":\"0\"}]}]}");
        Files.createDirectories(dir.resolve("0"));
        Files.writeString(dir.resolve("0/.zarray"), "{\"zarr_format\":2,\"shape\":[2,2,2],\"chunks\":[2,2,2],"
                + "\"dtype\":\"<c8\",\"compressor\":null,\"fill_value\":0,\"order\":\"C\",\"filters\":null}");
        assertThatThrownBy(() -> OmeZarrImage.open(dir)).hasMessageContaining("dtype '<c8'");
        Files.writeString(dir.resolve("0/.zarray"), "{\"zarr_format\":2,\"shape\":[2,2,2],\"chunks\":[2,2,2],"
                + "\"dtype\":\"<f4\",\"compressor\":{\"id\":\"lzma\"},\"fill_value\":0,\"order\":\"C\","
                + "\"filters\":null}");
        assertThatThrownBy(() -> OmeZarrImage.open(dir)).hasMessageContaining("compressor 'lzma'");
        Files.writeString(dir.resolve("0/.zarray"), "{\"zarr_format\":2,\"shape\":[2,2,2],\"chunks\":[2,2,2],"
                + "\"dtype\":\"<f4\",\"compressor\":{\"id\":\"zlib\"},\"fill_value\":0,\"order\":\"C\","
                + "\"filters\":null}");
        Files.write(dir.resolve("0/0.0.0"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> OmeZarrImage.open(dir).read(0)).hasMessageContaining("corrupt zlib chunk");
    }
}
