package se.ixbi.gpu.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.RegistrationOptions.MetricKind;

/**
 * A spatial-omics section cut from the phantom at a known oblique plane, turned on its slide and stretched, found in
 * the X-ray volume. Error: the largest distance, over the section's tissue, between where the found and the true
 * mapping send a point.
 */
class SectionRegistrationTest {

    private static final double XRAY_UM = 0.65;
    private static final double PIXEL_UM = 0.5;
    private static final int SIZE = 120;

    @ParameterizedTest(name = "tilted {0}° and {1}°, turned {2}° on the slide, {3} voxels off the middle")
    @CsvSource({"12, -8, 70, 6", "-15, 10, 200, -9"})
    void placesAnObliqueStretchedSectionWithinTwoXrayVoxels(double tiltX, double tiltY, double turn, double height) {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 7, 1500);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_UM);
        Volume xray = set.xray(0.05, 1);
        double[] sectionCentre = {0, (SIZE - 1) * PIXEL_UM / 2, (SIZE - 1) * PIXEL_UM / 2};
        double[] target = xray.centre();
        target[0] += height * XRAY_UM;
        double[] r = Rotations.matrix(Math.toRadians(tiltX), Math.toRadians(tiltY), Math.toRadians(turn));
        AffineTransform plane = AffineTransform.about(r, sectionCentre, new double[] {target[0] - sectionCentre[0],
            target[1] - sectionCentre[1], target[2] - sectionCentre[2]});
        double extent = (SIZE - 1) * PIXEL_UM;
        CorrelativeSet.SectionWarp stretch = (y, x) -> new double[] {
            0.9 * Math.sin(Math.PI * y / extent) * Math.cos(Math.PI * x / extent),
            0.04 * (x - extent / 2) + 0.6 * Math.sin(Math.PI * (x + y) / extent)};
        Volume section = set.section(SIZE, SIZE, PIXEL_UM, plane, stretch, 0.03, 3);

        SectionRegistration.Result result = new SectionRegistration(
                RegistrationOptions.defaults(TransformModel.RIGID, MetricKind.MI), 6).register(section, xray);

        double worst = 0;
        double worstRigid = 0;
        double half = (phantom.size() - 1) / 2.0;
        for (int y = 0; y < SIZE; y += 4) {
            for (int x = 0; x < SIZE; x += 4) {
                double py = y * PIXEL_UM;
                double px = x * PIXEL_UM;
                double[] u = stretch.at(py, px);
                double[] truth = plane.apply(new double[] {0, py + u[0], px + u[1]});
                if (phantom.densityAt(truth[0] / XRAY_UM - half, truth[1] / XRAY_UM - half,
                        truth[2] / XRAY_UM - half) <= 0.05) {
                    continue; // no tissue there: nothing to register by
                }
                double e = distance(result.map(py, px, 0), truth);
                worst = Math.max(worst, e);
                worstRigid = Math.max(worstRigid, distance(result.pose().apply(new double[] {0, py, px}), truth));
            }
        }
        System.out.printf("section→X-ray: worst error %.2f µm = %.2f X-ray voxels (its plane alone %.2f µm), MI %.3f → "
                + "%.3f, %.1f s%n", worst, worst / XRAY_UM, worstRigid, result.rigid().metricValue(),
                result.metricValue(), result.seconds());
        assertThat(worst).isLessThanOrEqualTo(2 * XRAY_UM);
        assertThat(result.metricValue()).isGreaterThan(result.rigid().metricValue());
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
