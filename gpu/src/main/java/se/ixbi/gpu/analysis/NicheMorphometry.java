package se.ixbi.gpu.analysis;

import java.util.ArrayList;
import java.util.List;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.gpu.threshold.MultiOtsu;
import se.ixbi.gpu.threshold.Otsu;
import smile.neighbor.KDTree;

/**
 * What the images show where each niche's cells lie: every cell placed in the X-ray volume (through the section's
 * registration), the X-ray density in a small box around it, its tissue class (three-class Otsu of the whole volume:
 * background, tissue, dense tissue) and the box's spread (heterogeneity); where the vEM block reaches the cell
 * (through the vEM registration), the block's mean signal and the fraction of it above the block's Otsu threshold.
 * Per niche: means over its cells, the fraction in each X-ray class, and the cells' spacing in the section.
 */
public final class NicheMorphometry {

    /** Half the side of the box read around a cell (µm): about a cell's radius. */
    public static final double BOX_UM = 4;

    /** X-ray figures of one niche; {@code cellsInside} of its cells fall inside the volume. */
    public record Xray(int cellsInside, double densityMean, double densitySd, double heterogeneity,
            double[] classFractions) {
    }

    /** vEM figures of one niche, from the {@code cells} of its cells the block reaches. */
    public record Vem(int cells, double signalMean, double aboveOtsuFraction) {
    }

    public record Niche(int niche, int cells, double[] composition, double spacingUm, Xray xray, Vem vem) {
    }

    private NicheMorphometry() {
    }

    /**
     * @param xrayPositions each cell's place in the X-ray volume (z, y, x µm)
     * @param vem           the aligned vEM block, or null; @param xrayToVem where an X-ray point lies in it (the
     *                      vEM registration's fixed→moving transform), or null
     */
    public static List<Niche> measure(Niches.Result niches, int[] types, int typeCount, double[] sectionY,
            double[] sectionX, double[][] xrayPositions, Volume xray, Volume vem, AffineTransform xrayToVem) {
        double[] classes = tissueClasses(xray.values());
        double vemThreshold = vem == null ? 0 : Otsu.threshold(vem.values());
        double[] spacing = spacing(sectionY, sectionX);
        int k = niches.count();
        List<Niche> out = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            int cells = 0;
            double[] composition = new double[typeCount];
            double spacingSum = 0;
            int inside = 0;
            double sum = 0;
            double sq = 0;
            double spread = 0;
            double[] classCount = new double[3];
            int vemCells = 0;
            double vemSum = 0;
            double vemAbove = 0;
            for (int i = 0; i < types.length; i++) {
                if (niches.niches()[i] != g) {
                    continue;
                }
                cells++;
                composition[types[i]]++;
                spacingSum += spacing[i];
                double[] box = box(xray, xrayPositions[i], BOX_UM, Double.NaN);
                if (box != null) {
                    inside++;
                    sum += box[0];
                    sq += box[0] * box[0];
                    spread += box[1];
                    classCount[box[2] < classes[0] ? 0 : box[2] < classes[1] ? 1 : 2]++;
                }
                if (vem != null && xrayToVem != null) {
                    double[] v = box(vem, xrayToVem.apply(xrayPositions[i]), BOX_UM, vemThreshold);
                    if (v != null) {
                        vemCells++;
                        vemSum += v[0];
                        vemAbove += v[3];
                    }
                }
            }
            for (int t = 0; t < typeCount; t++) {
                composition[t] /= Math.max(1, cells);
            }
            for (int c = 0; c < 3; c++) {
                classCount[c] /= Math.max(1, inside);
            }
            double mean = inside == 0 ? Double.NaN : sum / inside;
            Xray x = new Xray(inside, mean, inside < 2 ? Double.NaN : Math.sqrt(Math.max(0, sq / inside - mean * mean)),
                    inside == 0 ? Double.NaN : spread / inside, classCount);
            Vem v = vemCells == 0 ? null : new Vem(vemCells, vemSum / vemCells, vemAbove / vemCells);
            out.add(new Niche(g, cells, composition, spacingSum / Math.max(1, cells), x, v));
        }
        return out;
    }

    /** Two thresholds splitting the tissue (what lies above the volume's own Otsu threshold) into three classes. */
    public static double[] tissueClasses(float[] values) {
        double background = Otsu.threshold(values);
        int n = 0;
        for (float v : values) {
            n += v > background ? 1 : 0;
        }
        float[] tissue = new float[n];
        int i = 0;
        for (float v : values) {
            if (v > background) {
                tissue[i++] = v;
            }
        }
        return n == 0 ? new double[] {background, background} : MultiOtsu.thresholds(tissue);
    }

    /** Each cell's distance to its nearest neighbour in the section (µm). */
    static double[] spacing(double[] y, double[] x) {
        double[][] points = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            points[i] = new double[] {y[i], x[i]};
        }
        double[] out = new double[y.length];
        if (y.length < 2) {
            return out;
        }
        KDTree<double[]> tree = KDTree.of(points);
        for (int i = 0; i < y.length; i++) {
            out[i] = tree.nearest(points[i]).distance;
        }
        return out;
    }

    /**
     * Mean, standard deviation, centre value and fraction above {@code threshold} of the voxels within
     * {@code halfUm} of a point (at most 17 per axis, evenly spread) (z, y, x µm) — null when the point lies outside the volume.
     */
    static double[] box(Volume v, double[] p, double halfUm, double threshold) {
        int[] c = new int[3];
        int[] r = new int[3];
        int[] step = new int[3];
        for (int a = 0; a < 3; a++) {
            double index = (p[a] - v.origin()[a]) / v.spacing()[a];
            if (index < -0.5 || index > v.size(a) - 0.5) {
                return null;
            }
            c[a] = (int) Math.max(0, Math.min(v.size(a) - 1, Math.round(index)));
            r[a] = (int) Math.round(halfUm / v.spacing()[a]);
            // a fine vEM block holds millions of voxels in a cell's box: a sparse grid of them reads it as well
            step[a] = Math.max(1, r[a] / 8);
        }
        double sum = 0;
        double sq = 0;
        int n = 0;
        int above = 0;
        for (int z = Math.max(0, c[0] - r[0]); z <= Math.min(v.depth() - 1, c[0] + r[0]); z += step[0]) {
            for (int y = Math.max(0, c[1] - r[1]); y <= Math.min(v.height() - 1, c[1] + r[1]); y += step[1]) {
                for (int x = Math.max(0, c[2] - r[2]); x <= Math.min(v.width() - 1, c[2] + r[2]); x += step[2]) {
                    double value = v.at(z, y, x);
                    sum += value;
                    sq += value * value;
                    above += value > threshold ? 1 : 0;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sq / n - mean * mean)), v.at(c[0], c[1], c[2]),
            (double) above / n};
    }
}
