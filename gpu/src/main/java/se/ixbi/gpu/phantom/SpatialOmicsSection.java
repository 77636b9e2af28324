package se.ixbi.gpu.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import se.ixbi.gpu.registration.AffineTransform;

/**
 * A spatial-omics measurement of a section cut from the phantom: cells packed on a jittered grid in the section's
 * plane where there is tissue (twice as crowded in the lesions, none in vessel lumens), each of a cell type drawn from its region's mix, each with Poisson counts
 * of {@code genes} genes around its type's profile (ten marker genes per type). Positions are in the section's own
 * frame (y, x in µm); the section's point p shows the tissue at {@code sectionToXray(p + warp(p))}, as for
 * {@link CorrelativeSet#section}. The region of every cell is kept as ground truth.
 */
public record SpatialOmicsSection(double[] y, double[] x, float[][] counts, int[] type, TissuePhantom.Region[] region,
        String[] genes) {

    public static final String[] TYPES = {"tumour", "fibroblast", "immune", "endothelial"};

    /** Per region: probability of each of {@link #TYPES}. */
    private static double[] mix(TissuePhantom.Region region) {
        return switch (region) {
            case LESION -> new double[] {0.8, 0.05, 0.15, 0};
            case PERIVASCULAR -> new double[] {0, 0.2, 0.2, 0.6};
            default -> new double[] {0.02, 0.68, 0.3, 0};
        };
    }

    public static SpatialOmicsSection cut(CorrelativeSet set, AffineTransform sectionToXray,
            CorrelativeSet.SectionWarp warp, double extentUm, double cellsPer100Um2, int genes, long seed) {
        TissuePhantom phantom = set.phantom();
        double voxel = set.xrayVoxelUm();
        double half = (phantom.size() - 1) / 2.0;
        Random random = new Random(seed);
        List<double[]> positions = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<TissuePhantom.Region> regions = new ArrayList<>();
        // cells pack tissue evenly, not at random: one per grid site, jittered, and a second in a lesion's sites
        double spacing = Math.sqrt(100 / cellsPer100Um2);
        int sites = (int) Math.ceil(extentUm / spacing);
        for (int gy = 0; gy < sites; gy++) {
            for (int gx = 0; gx < sites; gx++) {
                for (int copy = 0; copy < 2; copy++) {
                    double py = (gy + 0.5 + 0.35 * random.nextGaussian()) * spacing;
                    double px = (gx + 0.5 + 0.35 * random.nextGaussian()) * spacing;
                    if (py < 0 || px < 0 || py > extentUm || px > extentUm) {
                        continue;
                    }
                    double[] u = warp.at(py, px);
                    double[] q = sectionToXray.apply(new double[] {0, py + u[0], px + u[1]});
                    TissuePhantom.Region region = phantom.regionAt(q[0] / voxel - half, q[1] / voxel - half,
                            q[2] / voxel - half);
                    if (region == TissuePhantom.Region.OUTSIDE || region == TissuePhantom.Region.LUMEN
                            || (copy == 1 && region != TissuePhantom.Region.LESION)) {
                        continue;
                    }
                    double[] p = mix(region);
                    double pick = random.nextDouble();
                    int t = 0;
                    while (t < p.length - 1 && pick > p[t]) {
                        pick -= p[t];
                        t++;
                    }
                    positions.add(new double[] {py, px, phantom.densityAt(q[0] / voxel - half,
                        q[1] / voxel - half, q[2] / voxel - half)});
                    types.add(t);
                    regions.add(region);
                }
            }
        }
        int n = positions.size();
        double[] ys = new double[n];
        double[] xs = new double[n];
        float[][] counts = new float[n][genes];
        int[] typeOf = new int[n];
        for (int i = 0; i < n; i++) {
            ys[i] = positions.get(i)[0];
            xs[i] = positions.get(i)[1];
            typeOf[i] = types.get(i);
            // denser tissue holds larger, busier nuclei: transcripts per cell follow the density the X-ray sees
            double size = positions.get(i)[2] * (0.9 + 0.2 * random.nextDouble());
            for (int g = 0; g < genes; g++) {
                boolean marker = g / 10 == typeOf[i];
                counts[i][g] = poisson(size * (marker ? 12 : 0.8), random);
            }
        }
        String[] names = new String[genes];
        for (int g = 0; g < genes; g++) {
            names[g] = (g / 10 < TYPES.length ? TYPES[g / 10] : "other") + "-" + (g % 10);
        }
        return new SpatialOmicsSection(ys, xs, counts, typeOf, regions.toArray(TissuePhantom.Region[]::new), names);
    }

    /** Knuth's method; means here are small. */
    private static float poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
