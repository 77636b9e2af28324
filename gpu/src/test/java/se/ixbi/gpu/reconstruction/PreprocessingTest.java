package se.ixbi.gpu.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.phantom.SlicePhantom;

/** Flat/dark correction, zinger removal, ring suppression and the rotation axis, each against a known answer. */
class PreprocessingTest {

    static final int N = 256;
    static final SlicePhantom PHANTOM = SlicePhantom.tissue(N, 0.01, 11);

    @Test
    void flatAndDarkCorrectionGivesAttenuationAndSurvivesDeadPixelsAndZingers() {
        int pixels = 4;
        // three flats, one with a zinger on pixel 0; two darks
        float[] flats = {1000, 1000, 1000, 10, 99999, 1010, 1000, 10, 1000, 990, 1000, 10};
        float[] darks = {100, 100, 100, 10, 100, 100, 100, 10};
        FlatFieldCorrection correction = FlatFieldCorrection.of(flats, 3, darks, 2, pixels);
        // pixel 0: transmission 0.5; 1: 0.25; 2: counts below the dark; 3: dead (flat = dark)
        float[] projection = {550, 325, 50, 10};
        correction.toAttenuation(projection, 0);

        assertThat(projection[0]).isCloseTo((float) -Math.log(0.5), within(1e-5f));
        assertThat(projection[1]).isCloseTo((float) -Math.log(0.25), within(1e-5f));
        assertThat(projection[2]).isFinite().isCloseTo((float) -Math.log(FlatFieldCorrection.MIN_TRANSMISSION),
                within(1e-3f));
        assertThat(projection[3]).isFinite();
        assertThat(correction.clampedPixels()).isEqualTo(2);
    }

    @Test
    void zingersAreReplacedAndTheRestIsUntouched() {
        int rows = 32;
        int cols = 32;
        float[] image = new float[rows * cols];
        for (int i = 0; i < image.length; i++) {
            image[i] = 1000 + (i % cols);
        }
        float[] original = image.clone();
        image[5 * cols + 7] = 5000;
        image[20 * cols + 30] = 3000;

        int replaced = new ZingerRemoval(0.2f).apply(image, 0, rows, cols);

        assertThat(replaced).isEqualTo(2);
        assertThat(image[5 * cols + 7]).isCloseTo(original[5 * cols + 7], within(2f));
        for (int i = 0; i < image.length; i++) {
            if (i != 5 * cols + 7 && i != 20 * cols + 30) {
                assertThat(image[i]).isEqualTo(original[i]);
            }
        }
    }

    @Test
    void ringSuppressionRemovesDetectorStripesFromTheSlice() {
        ParallelGeometry g = ParallelGeometry.halfCircle(360, N);
        float[] clean = PHANTOM.sinogram(g);
        float[] striped = clean.clone();
        Random random = new Random(5);
        for (int k = 0; k < 12; k++) {
            int column = 40 + random.nextInt(N - 80);
            float offset = (float) (0.05 * (random.nextBoolean() ? 1 : -1));
            for (int a = 0; a < g.angles(); a++) {
                striped[a * N + column] += offset;
            }
        }
        var fbp = new FilteredBackProjection(g, FilterWindow.SHEPP_LOGAN, new CpuBackProjector());
        float[] reference = fbp.reconstruct(clean, N);
        double ringsBefore = Images.rmseInDisc(fbp.reconstruct(striped, N), reference, N);

        new RingSuppression(9).apply(striped, g.angles(), N);
        double ringsAfter = Images.rmseInDisc(fbp.reconstruct(striped, N), reference, N);

        assertThat(ringsAfter).isLessThan(ringsBefore / 5);
    }

    @Test
    void theRotationAxisIsFoundWithinAFewHundredthsOfAPixel() {
        for (double axis : new double[] {127.5, 131.3, 120.77}) {
            ParallelGeometry g = ParallelGeometry.halfCircle(720, N).withCenter(axis);
            float[] sinogram = PHANTOM.sinogram(g);
            Random random = new Random(9);
            for (int i = 0; i < sinogram.length; i++) {
                sinogram[i] += (float) (random.nextGaussian() * 0.01);
            }
            assertThat(CenterOfRotation.estimate(sinogram, g.anglesRad(), N)).as("axis %s", axis)
                    .isCloseTo(axis, within(0.05));
            assertThat(CenterOfRotation.truncation(sinogram, g.angles(), N)).isLessThan(0.01);
        }
    }

    @Test
    void whereTheSampleLeavesTheFieldOfViewTheMirroredProjectionsStillFindTheAxis() {
        // the detector sees only columns 48…207 of the sample's 256: every projection loses mass at its edges
        int keep = 160;
        int first = 48;
        for (double axis : new double[] {127.5, 131.3, 120.77}) {
            ParallelGeometry g = ParallelGeometry.halfCircle(720, N).withCenter(axis);
            float[] full = PHANTOM.sinogram(g);
            float[] seen = new float[g.angles() * keep];
            Random random = new Random(9);
            for (int a = 0; a < g.angles(); a++) {
                for (int u = 0; u < keep; u++) {
                    seen[a * keep + u] = full[a * N + first + u] + (float) (random.nextGaussian() * 0.01);
                }
            }
            double truth = axis - first;
            assertThat(CenterOfRotation.truncation(seen, g.angles(), keep)).isGreaterThan(0.05);
            double byMass = CenterOfRotation.estimate(seen, g.anglesRad(), keep);
            Double mirrored = CenterOfRotation.mirrored(seen, g.anglesRad(), keep);
            System.out.printf("truncated sinogram, axis %.2f: centre-of-mass fit %.2f, mirrored %.2f%n", truth, byMass,
                    mirrored);
            assertThat(mirrored).as("axis %s", truth).isCloseTo(truth, within(0.1));
        }
        // a scan that does not span a half circle has no mirrored pair
        ParallelGeometry quarter = new ParallelGeometry(new float[] {0, 0.1f, 0.2f, 0.3f}, N, 127.5);
        assertThat(CenterOfRotation.mirrored(new float[4 * N], quarter.anglesRad(), N)).isNull();
    }

    @Test
    void aWrongAxisBlursTheSliceAndTheEstimatedOneRestoresIt() {
        ParallelGeometry truth = ParallelGeometry.halfCircle(360, N).withCenter(133.2);
        float[] sinogram = PHANTOM.sinogram(truth);
        float[] image = PHANTOM.image(N);
        double estimated = CenterOfRotation.estimate(sinogram, truth.anglesRad(), N);
        double good = Images.rmseInDisc(new FilteredBackProjection(truth.withCenter(estimated), FilterWindow.RAMP,
                new CpuBackProjector()).reconstruct(sinogram, N), image, N);
        double bad = Images.rmseInDisc(new FilteredBackProjection(truth.withCenter(127.5), FilterWindow.RAMP,
                new CpuBackProjector()).reconstruct(sinogram, N), image, N);
        assertThat(good).isLessThan(bad / 3);
    }
}
