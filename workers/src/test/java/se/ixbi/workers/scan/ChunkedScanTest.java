package se.ixbi.workers.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scans chunked as beamlines chunk them (all angles × 8 rows; the files under {@code src/test/resources/scans}, made
 * with h5py), read every way the pipeline reads them: each count is {@code 1000·angle + 10·row + column}.
 */
class ChunkedScanTest {

    private static final int ANGLES = 10;
    private static final int ROWS = 20;
    private static final int COLS = 12;

    @ParameterizedTest
    @ValueSource(strings = {"chunked-uint16.h5", "chunked-deflate-uint16.h5"})
    void projectionsBlocksAndBandsHoldTheCountsTheFileHolds(String name) throws URISyntaxException {
        Path file = Path.of(ChunkedScanTest.class.getResource("/scans/" + name).toURI());
        try (ScanFile scan = ScanFile.open(file)) {
            assertThat(new int[] {scan.angles(), scan.rows(), scan.cols()}).containsExactly(ANGLES, ROWS, COLS);
            for (int a = 0; a < ANGLES; a++) {
                assertThat(scan.projection(a)).as("projection %d", a).containsExactly(projection(a));
            }
            Projections inOrder = scan.inOrder(3L * 4 * ROWS * COLS);
            for (int a = 0; a < ANGLES; a++) {
                assertThat(inOrder.next()).as("projection %d read in blocks of 3", a).containsExactly(projection(a));
            }
            // bands across the chunk rows' edges (8, 16) and into the part-filled last chunk row
            for (int[] rows : new int[][] {{0, 20}, {5, 6}, {7, 2}, {15, 5}, {19, 1}}) {
                float[] band = scan.band(rows[0], rows[1]);
                for (int a = 0; a < ANGLES; a++) {
                    for (int r = 0; r < rows[1]; r++) {
                        for (int c = 0; c < COLS; c++) {
                            assertThat(band[(a * rows[1] + r) * COLS + c]).as("band %d+%d at %d,%d,%d", rows[0],
                                    rows[1], a, r, c).isEqualTo(1000f * a + 10 * (rows[0] + r) + c);
                        }
                    }
                }
            }
            assertThat(scan.flats().values()).containsOnly(60000f);
            assertThat(scan.darks().values()).containsOnly(5f);
        }
    }

    private static float[] projection(int a) {
        float[] p = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                p[r * COLS + c] = 1000f * a + 10 * r + c;
            }
        }
        return p;
    }
}
