package se.ixbi.workers.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import se.ixbi.workers.WorkersCommand;

/** Every way a scan file can be unusable gives exit code 3, a sentence naming the problem, and no output. */
class BadScanTest {

    @TempDir
    Path dir;

    private Path write(String name, float[][][] data, float[][][] flats, float[][][] darks, float[] theta) {
        Path p = dir.resolve(name);
        try (WritableHdfFile file = HdfFile.write(p)) {
            WritableGroup exchange = file.putGroup("exchange");
            if (data != null) {
                exchange.putDataset("data", data);
            }
            if (flats != null) {
                exchange.putDataset("data_white", flats);
            }
            if (darks != null) {
                exchange.putDataset("data_dark", darks);
            }
            if (theta != null) {
                exchange.putDataset("theta", theta);
            }
        }
        return p;
    }

    private static float[][][] frames(int count, int rows, int cols, float value) {
        float[][][] f = new float[count][rows][cols];
        for (float[][] frame : f) {
            for (float[] row : frame) {
                java.util.Arrays.fill(row, value);
            }
        }
        return f;
    }

    private String[] run(Path scan) {
        Path out = dir.resolve(scan.getFileName() + ".zarr");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        int code;
        try {
            code = WorkersCommand.commandLine().execute("reconstruct", "--input", scan.toString(), "--output",
                    out.toString());
        } finally {
            System.setErr(original);
        }
        assertThat(Files.exists(out)).as("no partial output for " + scan.getFileName()).isFalse();
        return new String[] {Integer.toString(code), captured.toString()};
    }

    @Test
    void aMissingFlatFieldIsNamed() {
        String[] r = run(write("noflats.h5", frames(4, 8, 8, 500), null, frames(2, 8, 8, 10), new float[4]));
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).contains("/exchange/data_white");
    }

    @Test
    void framesOfAnotherSizeAreRefused() {
        String[] r = run(write("shapes.h5", frames(4, 8, 8, 500), frames(3, 8, 6, 1000), frames(2, 8, 8, 10),
                new float[4]));
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).contains("8 × 6").contains("8 × 8");
    }

    @Test
    void anglesMustMatchTheProjections() {
        String[] r = run(write("theta.h5", frames(4, 8, 8, 500), frames(3, 8, 8, 1000), frames(2, 8, 8, 10),
                new float[5]));
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).contains("5 angles").contains("4 projections");
    }

    @Test
    void notANumberInAProjectionIsRefused() {
        float[][][] data = frames(4, 8, 8, 500);
        data[2][3][4] = Float.NaN;
        String[] r = run(write("nan.h5", data, frames(3, 8, 8, 1000), frames(2, 8, 8, 10), new float[] {0, 45, 90, 135}));
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).contains("NaN").contains("projection 2");
    }

    @Test
    void aTruncatedFileIsReportedAsDamaged() throws IOException {
        Path good = write("truncated.h5", frames(16, 32, 32, 500), frames(3, 32, 32, 1000), frames(2, 32, 32, 10),
                new float[16]);
        try (FileChannel ch = FileChannel.open(good, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        String[] r = run(good);
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).containsAnyOf("truncated", "damaged");
    }

    @Test
    void signedCountsKeepTheirSign() throws IOException {
        Path p = dir.resolve("signed.h5");
        try (WritableHdfFile file = HdfFile.write(p)) {
            WritableGroup exchange = file.putGroup("exchange");
            exchange.putDataset("data", new short[][][] {{{-5, 200}, {300, 400}}});
            exchange.putDataset("data_white", new short[][][] {{{1000, 1000}, {1000, 1000}}});
            exchange.putDataset("data_dark", new short[][][] {{{10, 10}, {10, 10}}});
            exchange.putDataset("theta", new float[] {0});
        }
        try (ScanFile scan = ScanFile.open(p)) {
            assertThat(scan.projection(0)).containsExactly(-5f, 200f, 300f, 400f);
        }
    }

    @Test
    void projectionsReadInBlocksAreTheProjectionsReadOneByOne() {
        float[][][] data = new float[7][3][5];
        for (int a = 0; a < 7; a++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 5; c++) {
                    data[a][r][c] = 1000 * a + 10 * r + c;
                }
            }
        }
        Path p = write("blocks.h5", data, frames(2, 3, 5, 9000), frames(1, 3, 5, 10), new float[7]);
        try (ScanFile scan = ScanFile.open(p)) {
            // three projections' worth of floats per block: blocks of 0-2, 3-5 and 6
            Projections inOrder = scan.inOrder(3 * 4 * 15);
            assertThat(inOrder.block()).isEqualTo(3);
            for (int a = 0; a < 7; a++) {
                assertThat(inOrder.index()).isEqualTo(a);
                float[] expected = scan.projection(a);
                assertThat(expected[14]).isEqualTo(1000 * a + 24);
                assertThat(inOrder.next()).containsExactly(expected);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(inOrder::next)
                    .hasMessageContaining("all 7 projections have been read");
            assertThat(scan.projections(2, 3)[1]).containsExactly(scan.projection(3));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan.projections(5, 3))
                    .hasMessageContaining("outside 0 to 6");
        }
    }

    @Test
    void aMissingOrForeignFileIsRefused() throws IOException {
        assertThat(run(dir.resolve("absent.h5"))[1]).contains("no scan file");
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "this is not HDF5");
        String[] r = run(text);
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).contains("not a readable HDF5 file");
    }
}
