package se.ixbi.gpu.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.Volume;

/** The phantom's two lesions are the regions to propose; cells and vessels are not. */
class RoiProposerTest {

    private static final double VOXEL_UM = 0.65;

    @Test
    void proposesBothLesionsFirstAtTheirCentres() {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 5);
        Volume xray = new CorrelativeSet(phantom, VOXEL_UM).xray(0.05, 1);

        List<RoiProposal> proposals = new RoiProposer(5, 20, 10, 60).propose(xray);
        proposals.forEach(System.out::println);

        assertThat(proposals).hasSizeGreaterThanOrEqualTo(2);
        double half = (phantom.size() - 1) / 2.0;
        List<double[]> lesions = phantom.lesionCentres();
        for (int i = 0; i < 2; i++) {
            double[] c = lesions.get(i);
            double[] expected = {(c[0] + half) * VOXEL_UM, (c[1] + half) * VOXEL_UM, (c[2] + half) * VOXEL_UM};
            boolean proposed = proposals.subList(0, 2).stream().anyMatch(p -> distance(p.centreUm(), expected)
                    <= 1.5 * VOXEL_UM);
            assertThat(proposed).as("lesion %d among the first two proposals", i + 1).isTrue();
        }
        RoiProposal first = proposals.get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.contrast()).as("lesions are 60–80 % denser than tissue").isCloseTo(0.7, within(0.2));
        assertThat(first.reason()).contains("over the tissue median");
        assertThat(proposals.get(0).score()).isGreaterThanOrEqualTo(proposals.get(1).score());
    }

    @Test
    void aUniformVolumeHasNothingToPropose() {
        float[] flat = new float[32 * 32 * 32];
        java.util.Arrays.fill(flat, 1f);
        assertThat(new RoiProposer(5, 20, 10, 60).propose(Volume.of(32, 32, 32, 1, flat))).isEmpty();
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
