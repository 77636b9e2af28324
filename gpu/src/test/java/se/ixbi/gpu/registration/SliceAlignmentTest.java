package se.ixbi.gpu.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;

/**
 * FIB-SEM stacks whose slices drift (a random walk of sub-pixel to pixel steps, a steady creep and jitter), rendered
 * from the phantom with each slice's true offset, so that the expected answer carries no interpolation error.
 */
class SliceAlignmentTest {

    private static final double XRAY_UM = 0.65;
    private static final int FACTOR = 12;
    private static final int SLICES = 48;
    private static final int H = 160;
    private static final int W = 192;

    /** The drift and its estimate for a stack; {@code evolving} false images one face again and again. */
    private record Run(double[] dy, double[] dx, SliceAlignment.Drift found, Volume stack) {

        double worstError() {
            double worst = 0;
            for (int k = 0; k < dy.length; k++) {
                worst = Math.max(worst, Math.hypot(found.y()[k] - (dy[k] - dy[0]), found.x()[k] - (dx[k] - dx[0])));
            }
            return worst;
        }

        /** Error in each slice's shift against its predecessor (the jitter). */
        double worstStepError() {
            double worst = 0;
            for (int k = 1; k < dy.length; k++) {
                worst = Math.max(worst, Math.hypot(found.y()[k] - found.y()[k - 1] - (dy[k] - dy[k - 1]),
                        found.x()[k] - found.x()[k - 1] - (dx[k] - dx[k - 1])));
            }
            return worst;
        }

        double creep() {
            return Math.hypot(dy[dy.length - 1] - dy[0], dx[dx.length - 1] - dx[0]);
        }
    }

    private static Run run(boolean evolving) {
        return run(evolving, true);
    }

    /** @param creep false: the stage only jitters (no random walk, no creep) */
    private static Run run(boolean evolving, boolean creep) {
        TissuePhantom phantom = TissuePhantom.biopsy(64, 4);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_UM);
        double voxel = XRAY_UM / FACTOR;
        double half = (phantom.size() - 1) / 2.0;
        // in the core among cells and vessels, clear of the lesions, whose curved rims move sideways from slice
        // to slice
        double[] extent = {SLICES / (double) FACTOR, H / (double) FACTOR, W / (double) FACTOR};
        double[] centre = clearSpot(phantom, extent);
        double[] corner = new double[3];
        for (int a = 0; a < 3; a++) {
            corner[a] = (centre[a] + half - extent[a] / 2) * XRAY_UM;
        }
        Random random = new Random(11);
        double[] dy = new double[SLICES];
        double[] dx = new double[SLICES];
        double walkY = 0;
        double walkX = 0;
        float[] values = new float[SLICES * H * W];
        for (int k = 0; k < SLICES; k++) {
            if (creep) {
                walkY += 0.6 * random.nextGaussian();
                walkX += 0.6 * random.nextGaussian() + 0.3;
            }
            dy[k] = walkY + 0.25 * random.nextGaussian();
            dx[k] = walkX + 0.25 * random.nextGaussian();
            // slice k shows the tissue at p − D_k: its content appears moved by +D_k
            AffineTransform place = AffineTransform.translation(corner[0] + (evolving ? k * voxel : 0),
                    corner[1] - dy[k] * voxel, corner[2] - dx[k] * voxel);
            Volume slice = set.vem(new int[] {1, H, W}, FACTOR, place, 0.03, 100 + k);
            System.arraycopy(slice.values(), 0, values, k * H * W, H * W);
        }
        Volume stack = new Volume(SLICES, H, W, new double[] {voxel, voxel, voxel}, new double[3], values);
        return new Run(dy, dx, new SliceAlignment(3, 8).estimate(stack), stack);
    }

    @Test
    void recoversPureStageDriftWithinAFifthOfAPixelAtEverySlice() {
        Run r = run(false);
        System.out.printf("FIB-SEM pure drift: %d slices, creep %.1f px, worst error %.3f px%n", SLICES, r.creep(),
                r.worstError());
        assertThat(r.worstError()).isLessThanOrEqualTo(0.2);

        // the aligned stack has no shift left between neighbours
        SliceAlignment.Drift residual = new SliceAlignment(3, 4).estimate(SliceAlignment.apply(r.stack(), r.found()));
        for (int k = 0; k < SLICES; k++) {
            assertThat(Math.hypot(residual.y()[k], residual.x()[k])).as("slice %d after alignment", k)
                    .isLessThan(0.2);
        }
    }

    /**
     * Milling through the tissue, every slice shows new structure, and structure that changes between slices
     * moves its image as a shift would: the jitter (slice to slice) is still recovered closely, while the slow
     * creep accumulates an error of about a pixel over 48 slices, which registration to the X-ray volume (an affine
     * absorbs a steady creep as shear) corrects.
     */
    @Test
    void recoversTheJitterOfAnEvolvingStackAndBoundsItsAccumulatedError() {
        Run r = run(true);
        System.out.printf("FIB-SEM evolving stack: %d slices, creep %.1f px, worst step error %.3f px, worst "
                + "accumulated error %.3f px%n", SLICES, r.creep(), r.worstStepError(), r.worstError());
        assertThat(r.worstStepError()).isLessThanOrEqualTo(0.3);
        assertThat(r.worstError()).isLessThanOrEqualTo(1.5);
        assertThat(r.worstError()).as("against leaving the stack as it is").isLessThan(r.creep() / 8);
    }

    /**
     * Where the stage only jitters, keeping only the fast part of the estimate removes the jitter and leaves the
     * specimen's own slow sideways motion alone, which correcting everything would have "straightened".
     */
    @Test
    void jitterAloneIsRemovedWithoutBendingTheSpecimen() {
        Run r = run(true, false);
        SliceAlignment.Drift fast = SliceAlignment.jitterOnly(r.found(), 8);
        // a shift common to all slices moves the block, not its shape: registration takes it up
        double[] offset = new double[2];
        for (int k = 0; k < SLICES; k++) {
            offset[0] += (fast.y()[k] - (r.dy()[k] - r.dy()[0])) / SLICES;
            offset[1] += (fast.x()[k] - (r.dx()[k] - r.dx()[0])) / SLICES;
        }
        double worst = 0;
        for (int k = 0; k < SLICES; k++) {
            worst = Math.max(worst, Math.hypot(fast.y()[k] - offset[0] - (r.dy()[k] - r.dy()[0]),
                    fast.x()[k] - offset[1] - (r.dx()[k] - r.dx()[0])));
        }
        System.out.printf("FIB-SEM jitter only: worst error %.3f px kept fast, %.3f px all corrected%n", worst,
                r.worstError());
        // texture that changes from slice to slice still reads as some fast motion: half a pixel here
        assertThat(worst).isLessThanOrEqualTo(0.6);
        assertThat(worst).isLessThan(r.worstError() / 2);
    }

    /** A block centre (voxels from the phantom centre) inside the core whose block misses both lesions. */
    private static double[] clearSpot(TissuePhantom phantom, double[] extent) {
        double limit = 0.12 * phantom.size();
        for (double y = 0; y <= limit; y += 1) {
            for (double x = 0; x <= limit; x += 1) {
                for (double sy : new double[] {1, -1}) {
                    for (double sx : new double[] {1, -1}) {
                        double[] c = {0, sy * y, sx * x};
                        double[] low = new double[3];
                        double[] high = new double[3];
                        for (int a = 0; a < 3; a++) {
                            low[a] = c[a] - extent[a] / 2 - 1;
                            high[a] = c[a] + extent[a] / 2 + 1;
                        }
                        if (phantom.clearOfLesions(low, high)) {
                            return c;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no block position clear of the lesions");
    }
}
