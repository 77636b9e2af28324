package se.ixbi.gpu.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.RegistrationOptions.MetricKind;

/**
 * A vEM block on the lesion's rim whose stage crept steadily while milling — after slice alignment the block is
 * sheared along its milling axis by the creep per µm of depth — placed rigidly, then refined. TRE as in
 * {@link VolumeRegistrationTest}: the largest distance over the block's corners and centre.
 */
class AffineRefinementTest {

    private static final double XRAY_VOXEL_UM = 0.65;

    @ParameterizedTest(name = "creep {0} µm per µm of depth along x, {1} along y")
    @CsvSource({"0.15, 0.05", "0, 0"})
    void aCreepingBlockIsPlacedAsAShearAndASteadyOneStaysRigid(double creepX, double creepY) {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 5);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_VOXEL_UM);
        Volume xray = set.xray(0.05, 1);
        int factor = 10;
        int[] shape = {160, 200, 200};
        double vemVoxel = XRAY_VOXEL_UM / factor;
        double[] c = {(shape[0] - 1) * vemVoxel / 2, (shape[1] - 1) * vemVoxel / 2, (shape[2] - 1) * vemVoxel / 2};
        double[] lesion = phantom.lesion();
        double half = (phantom.size() - 1) / 2.0;
        double[] target = {(lesion[0] + half) * XRAY_VOXEL_UM, (lesion[1] + half) * XRAY_VOXEL_UM,
            (lesion[2] + lesion[3] + half) * XRAY_VOXEL_UM};
        double[] r = Rotations.matrix(Math.toRadians(11), Math.toRadians(-8), Math.toRadians(17));
        // slice at depth z shows the tissue displaced by creep·z in y and x
        double[] shear = {1, 0, 0, creepY, 1, 0, creepX, 0, 1};
        AffineTransform truth = AffineTransform.about(Rotations.multiply(r, shear), c,
                new double[] {target[0] - c[0], target[1] - c[1], target[2] - c[2]});
        Volume vem = set.vem(shape, factor, truth, 0.05, 2);
        RegistrationOptions options = RegistrationOptions.defaults(TransformModel.RIGID, MetricKind.MI);
        RegistrationResult rigid = new Registration(options).register(vem, xray);

        AffineRefinement.Outcome refined = AffineRefinement.refine(rigid, vem, xray, options);

        double rigidTre = VolumeRegistrationTest.tre(rigid.fixedToMoving(), truth, vem);
        double tre = VolumeRegistrationTest.tre(refined.result().fixedToMoving(), truth, vem);
        System.out.printf("creep (%.2f, %.2f): rigid TRE %.3f µm, refined TRE %.3f µm (%s; MI gain %.4f,"
                + " distortion %.3f, shift %.3f µm)%n", creepX, creepY, rigidTre, tre, refined.affine() ? "affine kept" : "rigid kept",
                refined.metricGain(), refined.distortion(), refined.shiftUm());
        if (creepX > 0) {
            // rigid is over three voxels off at the block's ends; the shear brings it to about one
            assertThat(refined.affine()).isTrue();
            assertThat(rigidTre).isGreaterThan(3 * XRAY_VOXEL_UM);
            assertThat(tre).isLessThanOrEqualTo(1.2 * XRAY_VOXEL_UM);
        } else {
            // an affine fit of a steady block follows noise: the rigid placement stands
            assertThat(refined.affine()).isFalse();
            assertThat(tre).isLessThanOrEqualTo(XRAY_VOXEL_UM);
        }
    }
}
