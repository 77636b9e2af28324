package se.ixbi.gpu.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.registration.AffineTransform;

/** The synthetic spatial-omics section keeps to the phantom: cells in tissue only, types by region, markers by type. */
class SpatialOmicsSectionTest {

    @Test
    void cellsSitInTissueWithTheirRegionsTypesAndMarkers() {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 7);
        CorrelativeSet set = new CorrelativeSet(phantom, 0.65);
        double extent = 96 * 0.65;
        // the transverse plane through the first lesion's centre row
        double row = phantom.lesion()[0] + 47.5;
        AffineTransform plane = AffineTransform.translation(row * 0.65, 0, 0);
        SpatialOmicsSection s = SpatialOmicsSection.cut(set, plane, CorrelativeSet.SectionWarp.NONE, extent, 50, 40,
                3);
        int n = s.y().length;
        assertThat(n).isGreaterThan(500);
        int[] lesionTypes = new int[4];
        int lesionCells = 0;
        for (int i = 0; i < n; i++) {
            double[] q = plane.apply(new double[] {0, s.y()[i], s.x()[i]});
            TissuePhantom.Region region = phantom.regionAt(q[0] / 0.65 - 47.5, q[1] / 0.65 - 47.5, q[2] / 0.65 - 47.5);
            assertThat(region).isEqualTo(s.region()[i]).isNotIn(TissuePhantom.Region.OUTSIDE,
                    TissuePhantom.Region.LUMEN);
            if (region == TissuePhantom.Region.LESION) {
                lesionCells++;
                lesionTypes[s.type()[i]]++;
            }
            // a cell's own ten marker genes carry most of its counts
            double own = 0;
            double all = 0;
            for (int g = 0; g < 40; g++) {
                all += s.counts()[i][g];
                own += g / 10 == s.type()[i] ? s.counts()[i][g] : 0;
            }
            assertThat(own).isGreaterThan(0.5 * all);
        }
        assertThat(lesionCells).isPositive();
        assertThat(lesionTypes[0]).as("tumour cells in the lesion").isGreaterThan(lesionCells / 2);
    }
}
