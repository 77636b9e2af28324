package se.ixbi.gpu.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.SpatialOmicsSection;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Cell types and niches of a synthetic spatial-omics section, against the phantom's truth: each cell's type (drawn
 * from its region's mix) and its region (lesion, perivascular, stroma).
 */
class NichesTest {

    static SpatialOmicsSection section;
    static float[][] normalised;

    @BeforeAll
    static void cut() {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 7);
        CorrelativeSet set = new CorrelativeSet(phantom, 0.65);
        AffineTransform plane = AffineTransform.translation((phantom.lesion()[0] + 47.5) * 0.65, 0, 0);
        section = SpatialOmicsSection.cut(set, plane, CorrelativeSet.SectionWarp.NONE, 96 * 0.65, 50, 40, 5);
        normalised = logNormalised(section.counts());
    }

    @Test
    void cellTypesAreFoundFromExpressionWithTheirNumberAndMarkers() {
        CellTyping.Result found = CellTyping.find(normalised, section.genes(), 12, 0, 1);
        double ari = AdjustedRandIndex.of(section.type(), found.types());
        System.out.printf("cell types: %d cells, true %s, found %s (%d components of %d genes, silhouette %.2f),"
                + " ARI %.3f%n", found.types().length, Arrays.toString(counts(section.type(), 4)),
                Arrays.toString(found.sizes()), found.components(), found.genesUsed(), found.silhouette(), ari);
        assertThat(found.count()).isEqualTo(4);
        assertThat(ari).isGreaterThan(0.95);
        // each found type's top marker is a marker gene of the true type most of its cells have
        for (int t = 0; t < found.count(); t++) {
            int[] truth = new int[4];
            for (int i = 0; i < found.types().length; i++) {
                if (found.types()[i] == t) {
                    truth[section.type()[i]]++;
                }
            }
            int major = argmax(truth);
            assertThat(found.markers().get(t)).allSatisfy(m ->
                    assertThat(m.gene()).startsWith(SpatialOmicsSection.TYPES[major] + "-"));
        }
    }

    @Test
    void nichesFollowTheTissueRegions() {
        int[] types = CellTyping.find(normalised, section.genes(), 12, 0, 1).types();
        Niches.Result niches = Niches.find(section.y(), section.x(), types, 4, 15, 8, 0, 1);
        int[] regions = new int[types.length];
        for (int i = 0; i < regions.length; i++) {
            regions[i] = section.region()[i].ordinal();
        }
        double ari = AdjustedRandIndex.of(regions, niches.niches());
        System.out.printf("niches: true regions %s, found %s (silhouette %.2f), ARI %.3f%n",
                Arrays.toString(counts(regions, TissuePhantom.Region.values().length)),
                Arrays.toString(niches.sizes()), niches.silhouette(), ari);
        assertThat(ari).isGreaterThan(0.4);
    }

    static float[][] logNormalised(float[][] counts) {
        float[][] out = new float[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            double total = 0;
            for (float v : counts[i]) {
                total += v;
            }
            out[i] = new float[counts[i].length];
            for (int g = 0; g < counts[i].length; g++) {
                out[i][g] = (float) Math.log1p(counts[i][g] / Math.max(1, total) * 1e4);
            }
        }
        return out;
    }

    static int[] counts(int[] labels, int k) {
        int[] c = new int[k];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    static int argmax(int[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
