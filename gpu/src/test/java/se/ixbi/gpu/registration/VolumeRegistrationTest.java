package se.ixbi.gpu.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.RegistrationOptions.MetricKind;

/**
 * Registration against known transforms of the tissue phantom. Target registration error (TRE) is the largest
 * distance, over the fixed image's corners and centre, between where the found and the true transform send them.
 */
class VolumeRegistrationTest {

    private static final double XRAY_VOXEL_UM = 0.65;

    @ParameterizedTest(name = "phantom {0}, turned {1}°, {2}°, {3}° about x, y, z, on the lesion rim towards {4}")
    @CsvSource({"5, 11, -8, 17, +x", "8, -20, 14, -25, -x", "13, 4, 24, -9, +y"})
    void findsAVemBlockInsideTheXrayVolumeWithinOneXrayVoxel(long seed, double ax, double ay, double az,
            String rim) {
        TissuePhantom phantom = TissuePhantom.biopsy(96, seed);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_VOXEL_UM);
        Volume xray = set.xray(0.05, 1);
        int factor = 10;
        int[] shape = {160, 200, 200};
        double vemVoxel = XRAY_VOXEL_UM / factor;
        double[] vemCentre = {(shape[0] - 1) * vemVoxel / 2, (shape[1] - 1) * vemVoxel / 2,
            (shape[2] - 1) * vemVoxel / 2};
        // the block sits on the lesion's rim, where tissue, lesion and cells meet
        double[] lesion = phantom.lesion();
        double half = (phantom.size() - 1) / 2.0;
        double sign = rim.startsWith("-") ? -1 : 1;
        double[] target = {(lesion[0] + half) * XRAY_VOXEL_UM,
            (lesion[1] + (rim.endsWith("y") ? sign * lesion[3] : 0) + half) * XRAY_VOXEL_UM,
            (lesion[2] + (rim.endsWith("x") ? sign * lesion[3] : 0) + half) * XRAY_VOXEL_UM};
        double[] r = Rotations.matrix(Math.toRadians(ax), Math.toRadians(ay), Math.toRadians(az));
        double[] shift = {target[0] - vemCentre[0], target[1] - vemCentre[1], target[2] - vemCentre[2]};
        AffineTransform truth = AffineTransform.about(r, vemCentre, shift);
        Volume vem = set.vem(shape, factor, truth, 0.05, 2);

        RegistrationResult result = new Registration(RegistrationOptions.defaults(TransformModel.RIGID, MetricKind.MI))
                .register(vem, xray);

        double tre = tre(result.fixedToMoving(), truth, vem);
        System.out.printf("vEM→X-ray (MI, rigid): TRE %.3f µm = %.2f X-ray voxels, MI %.3f, %d candidates, %.1f s%n",
                tre, tre / XRAY_VOXEL_UM, result.metricValue(), result.candidatesTried(), result.seconds());
        assertThat(tre).isLessThanOrEqualTo(XRAY_VOXEL_UM);
        assertThat(result.metricValue()).isPositive();
        assertThat(result.overlap()).isEqualTo(1.0);
    }

    @Test
    void findsAWholeVolumeOfOtherContrastWithoutAHint() {
        // as `register --mode rigid --metric mi` meets it: two volumes of the same size, one dark where the other is
        // bright, turned and shifted; the rotation search runs coarser than the pyramid (docs/performance.md)
        TissuePhantom phantom = TissuePhantom.biopsy(96, 5);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_VOXEL_UM);
        Volume xray = set.xray(0.05, 1);
        double c = (phantom.size() - 1) * XRAY_VOXEL_UM / 2;
        AffineTransform stainedToXray = AffineTransform.translation(2.6, -3.9, 1.3).after(AffineTransform.rotation(
                Math.toRadians(11), Math.toRadians(-8), Math.toRadians(17), new double[] {c, c, c}));
        Volume stained = set.vem(new int[] {96, 96, 96}, 1, stainedToXray, 0.08, 2);

        RegistrationResult r = new Registration(RegistrationOptions.defaults(TransformModel.RIGID, MetricKind.MI))
                .register(xray, stained);

        double tre = tre(r.fixedToMoving(), stainedToXray.inverse(), xray);
        System.out.printf("X-ray→stained 96³ (MI, rigid, no hint): TRE %.3f µm = %.2f voxels, %d candidates, %.1f s%n",
                tre, tre / XRAY_VOXEL_UM, r.candidatesTried(), r.seconds());
        assertThat(r.candidatesTried()).isGreaterThan(2);
        // elastix, from its centre-of-gravity start, ends 0.83 voxels off on this pair (bench --registration)
        assertThat(tre).isLessThanOrEqualTo(0.75 * XRAY_VOXEL_UM);
    }

    @Test
    void recoversAnAffineBetweenTwoXrayViewsWithDifferentVoxelSizes() {
        TissuePhantom phantom = TissuePhantom.biopsy(64, 9);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_VOXEL_UM);
        Volume fixed = set.xray(0.05, 3);
        double voxel = 0.8;
        int n = 56;
        double[] centre = {(n - 1) * voxel / 2, (n - 1) * voxel / 2, (n - 1) * voxel / 2};
        double[] xrayCentre = fixed.centre();
        // the view's frame: scaled 4 %, sheared 3 %, turned 6° about z, shifted 2 µm
        double[] rot = Rotations.matrix(0, 0, Math.toRadians(6));
        double[] a = Rotations.multiply(rot, new double[] {1.04, 0.03, 0, 0, 0.98, 0, 0, 0, 1.01});
        double[] shift = {xrayCentre[0] - centre[0] + 2, xrayCentre[1] - centre[1] - 1.5, xrayCentre[2] - centre[2]};
        AffineTransform viewToXray = AffineTransform.about(a, centre, shift);
        Volume moving = set.xrayView(new int[] {n, n, n}, voxel, viewToXray, 0.05, 4);
        AffineTransform truth = viewToXray.inverse(); // fixed (X-ray) point → moving (view) point

        RegistrationResult result = new Registration(
                RegistrationOptions.defaults(TransformModel.AFFINE, MetricKind.NCC).withSearch(0, 0))
                .register(fixed, moving);

        // judged where both images have tissue: the central half of the X-ray volume
        double[] low = new double[3];
        double[] high = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            low[axis] = xrayCentre[axis] - fixed.extent(axis) / 4;
            high[axis] = xrayCentre[axis] + fixed.extent(axis) / 4;
        }
        double tre = result.fixedToMoving().maxDisplacement(truth, low, high);
        System.out.printf("X-ray→view (NCC, affine): TRE %.3f µm, NCC %.3f, %.1f s%n", tre, result.metricValue(),
                result.seconds());
        assertThat(tre).isLessThanOrEqualTo(0.5 * XRAY_VOXEL_UM);
        assertThat(result.metricValue()).isGreaterThan(0.8);
    }

    @Test
    void metricGradientsMatchFiniteDifferences() {
        TissuePhantom phantom = TissuePhantom.biopsy(48, 3);
        CorrelativeSet set = new CorrelativeSet(phantom, 1.0);
        Volume fixed = set.xray(0.02, 5);
        Volume moving = set.xray(0.02, 6);
        // samples well inside the moving image: one crossing its edge changes the sums by a step no gradient sees
        FixedSamples samples = FixedSamples.draw(fixed.crop(new int[] {8, 8, 8}, new int[] {32, 32, 32}), 20_000, 1);
        MovingImage image = new MovingImage(moving);
        double[] centre = fixed.centre();
        AffineTransform at = AffineTransform.about(Rotations.matrix(0.05, -0.03, 0.04), centre,
                new double[] {2.5, -2.0, 1.5}); // off the optimum, where the gradient stands out of the sampling noise
        for (Metric metric : new Metric[] {new NormalizedCorrelation(samples, image),
            new MattesMutualInformation(samples, image, 32)}) {
            double[] g = new double[12];
            metric.evaluate(at, centre, g);
            double[] q = TransformModel.AFFINE.parameters(at, centre, 1.0);
            // central differences of 0.05 µm for translations, 0.005 for matrix entries (0.08 µm at the edge)
            double[] numeric = new double[12];
            for (int i = 0; i < 12; i++) {
                double h = i < 9 ? 0.005 : 0.05;
                double[] plus = q.clone();
                double[] minus = q.clone();
                plus[i] += h;
                minus[i] -= h;
                numeric[i] = (metric.evaluate(TransformModel.AFFINE.transform(plus, centre, 1.0), centre, null)
                        - metric.evaluate(TransformModel.AFFINE.transform(minus, centre, 1.0), centre, null)) / (2 * h);
            }
            String name = metric.getClass().getSimpleName();
            for (int i = 9; i < 12; i++) {
                assertThat(g[i]).as("%s ∂/∂t%d", name, i - 9)
                        .isCloseTo(numeric[i], offset(0.2 * Math.abs(numeric[i]) + 1e-4));
            }
            // matrix entries weigh the outer samples, where trilinear kinks make differences noisy: judged as a whole
            assertThat(cosine(g, numeric)).as("%s gradient direction", name).isGreaterThan(0.9);
        }
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void rigidParametersRoundTripThroughTheirAffine() {
        double[] centre = {3, -2, 5};
        AffineTransform t = AffineTransform.about(Rotations.matrix(0.3, -0.2, 0.5), centre, new double[] {1, 2, 3});
        double[] q = TransformModel.RIGID.parameters(t, centre, 7.0);
        AffineTransform back = TransformModel.RIGID.transform(q, centre, 7.0);
        assertThat(back.maxDisplacement(t, new double[] {-10, -10, -10}, new double[] {10, 10, 10})).isLessThan(1e-9);
        assertThat(t.inverse().after(t).maxDisplacement(AffineTransform.identity(), new double[] {-10, -10, -10},
                new double[] {10, 10, 10})).isLessThan(1e-9);
    }

    static double tre(AffineTransform found, AffineTransform truth, Volume fixed) {
        double[] low = fixed.origin();
        double[] high = {low[0] + fixed.extent(0), low[1] + fixed.extent(1), low[2] + fixed.extent(2)};
        return found.maxDisplacement(truth, low, high);
    }
}
