package se.ixbi.gpu.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.SpatialOmicsSection;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;

/**
 * Niche morphometrics against the phantom: each niche's X-ray density is the phantom's density around its cells, the
 * lesion's niche lies in the dense class and the stroma's does not, and the vEM figures come from exactly the cells
 * the block reaches, with the stain the phantom gives there.
 */
class NicheMorphometryTest {

    private static final double VOXEL = 0.65;

    @Test
    void eachNicheIsMeasuredWhereItsCellsLieInTheXrayVolumeAndTheVemBlock() {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 7);
        CorrelativeSet set = new CorrelativeSet(phantom, VOXEL);
        double half = 47.5;
        double[] lesion = phantom.lesion();
        double planeZ = (lesion[0] + half) * VOXEL;
        AffineTransform plane = AffineTransform.translation(planeZ, 0, 0);
        SpatialOmicsSection s = SpatialOmicsSection.cut(set, plane, CorrelativeSet.SectionWarp.NONE, 96 * VOXEL, 50,
                40, 5);
        // the true types, so that compositions read in SpatialOmicsSection.TYPES order
        int[] types = s.type();
        Niches.Result niches = Niches.find(s.y(), s.x(), types, 4, Niches.NEIGHBOURS, 8, 0, 1);
        double[][] positions = new double[types.length][];
        for (int i = 0; i < types.length; i++) {
            positions[i] = plane.apply(new double[] {0, s.y()[i], s.x()[i]});
        }
        Volume xray = set.xray(0.02, 3);
        // a vEM block (8× finer) centred on the lesion, the section's plane through its middle
        int[] shape = {48, 96, 96};
        double vemVoxel = VOXEL / 8;
        AffineTransform vemToXray = AffineTransform.translation(planeZ - 24 * vemVoxel,
                (lesion[1] + half) * VOXEL - 48 * vemVoxel, (lesion[2] + half) * VOXEL - 48 * vemVoxel);
        Volume vem = set.vem(shape, 8, vemToXray, 0.01, 4);

        List<NicheMorphometry.Niche> measured = NicheMorphometry.measure(niches, types, 4, s.y(), s.x(), positions,
                xray, vem, vemToXray.inverse());

        assertThat(measured).hasSize(niches.count());
        int vemCellsExpected = 0;
        for (double[] p : positions) {
            double[] q = vemToXray.inverse().apply(p);
            boolean in = true;
            for (int a = 0; a < 3; a++) {
                in &= q[a] >= -0.5 * vemVoxel && q[a] <= (shape[a] - 0.5) * vemVoxel;
            }
            vemCellsExpected += in ? 1 : 0;
        }
        assertThat(vemCellsExpected).isGreaterThan(10);
        int vemCells = 0;
        NicheMorphometry.Niche tumour = null;
        NicheMorphometry.Niche stroma = null;
        for (NicheMorphometry.Niche n : measured) {
            double truth = 0;
            double stain = 0;
            int inBlock = 0;
            for (int i = 0; i < types.length; i++) {
                if (niches.niches()[i] == n.niche()) {
                    truth += phantomBoxMean(phantom, positions[i]);
                    double[] q = vemToXray.inverse().apply(positions[i]);
                    if (q[0] >= 0 && q[1] >= 0 && q[2] >= 0 && q[0] < shape[0] * vemVoxel
                            && q[1] < shape[1] * vemVoxel && q[2] < shape[2] * vemVoxel) {
                        stain += 1 - 0.5 * phantom.densityAt(positions[i][0] / VOXEL - half,
                                positions[i][1] / VOXEL - half, positions[i][2] / VOXEL - half);
                        inBlock++;
                    }
                }
            }
            System.out.printf("niche %d: %d cells, composition %s, X-ray density %.3f (phantom %.3f), classes %s,"
                    + " vEM %s%n", n.niche(), n.cells(), java.util.Arrays.toString(n.composition()),
                    n.xray().densityMean(), truth / n.cells(), java.util.Arrays.toString(n.xray().classFractions()),
                    n.vem());
            assertThat(n.xray().cellsInside()).isEqualTo(n.cells());
            assertThat(n.xray().densityMean()).isCloseTo(truth / n.cells(), within(0.05));
            if (n.vem() != null) {
                vemCells += n.vem().cells();
                // texture averages out over a cell's box; the stain is 1 − density/2 at the cell
                assertThat(n.vem().signalMean()).isCloseTo(stain / inBlock, within(0.08));
            }
            if (n.composition()[0] > 0.5) {
                tumour = n;
            } else if (n.composition()[1] > 0.5) {
                stroma = n;
            }
        }
        assertThat(vemCells).isEqualTo(vemCellsExpected);
        assertThat(tumour).isNotNull();
        assertThat(stroma).isNotNull();
        assertThat(tumour.xray().densityMean()).isGreaterThan(stroma.xray().densityMean() + 0.2);
        assertThat(tumour.xray().classFractions()[2]).isGreaterThan(0.7);
        assertThat(stroma.xray().classFractions()[2]).isLessThan(0.3);
    }

    /** The phantom's density averaged over the voxel centres of the box the measurement reads. */
    private static double phantomBoxMean(TissuePhantom phantom, double[] p) {
        int r = (int) Math.round(NicheMorphometry.BOX_UM / VOXEL);
        double sum = 0;
        int n = 0;
        int[] c = new int[3];
        for (int a = 0; a < 3; a++) {
            c[a] = (int) Math.round(p[a] / VOXEL);
        }
        for (int z = Math.max(0, c[0] - r); z <= Math.min(95, c[0] + r); z++) {
            for (int y = Math.max(0, c[1] - r); y <= Math.min(95, c[1] + r); y++) {
                for (int x = Math.max(0, c[2] - r); x <= Math.min(95, c[2] + r); x++) {
                    sum += phantom.densityAt(z - 47.5, y - 47.5, x - 47.5);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
