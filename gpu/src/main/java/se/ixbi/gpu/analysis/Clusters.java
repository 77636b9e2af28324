package se.ixbi.gpu.analysis;

import java.util.Arrays;
import java.util.Random;

import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.WardLinkage;

/**
 * Groups of points, their number found from the data: Ward's hierarchical clustering (Smile) on up to
 * {@value #SAMPLE} points, cut into many groups, then the two least distinct groups merged again and again until
 * every pair stands apart — at least {@code separation} pooled standard deviations between their members along the
 * line through their centres (a Gaussian cut in half gives 2.7) — and every point given to the nearest centre. A
 * rare but distinct group (a handful of endothelial cells) survives this where a criterion that weighs groups by
 * size (silhouette, Ward's merge heights, k-means' distortion) would fold it into a large one; the sample bounds
 * Ward's quadratic memory. Groups are numbered by size, largest first, so that a rerun numbers them alike.
 */
final class Clusters {

    static final int SAMPLE = 3000;
    public static final double SEPARATION = 4;

    /** Labels per point, the centres (in the points' space), the groups' sizes and their mean silhouette. */
    public record Partition(int[] labels, double[][] centres, int[] sizes, double silhouette) {

        public int count() {
            return centres.length;
        }
    }

    private Clusters() {
    }

    /** At most {@code maxGroups} groups, as many as stand {@code separation} apart. */
    public static Partition find(double[][] points, int maxGroups, double separation, long seed) {
        int n = points.length;
        if (n < 2 || maxGroups < 1) {
            throw new IllegalArgumentException("cannot group " + n + " points into at most " + maxGroups);
        }
        int[] sample = sample(n, seed);
        double[][] sampled = new double[sample.length][];
        for (int i = 0; i < sample.length; i++) {
            sampled[i] = points[sample[i]];
        }
        int k = Math.min(maxGroups, sample.length);
        int[] labels = HierarchicalClustering.fit(WardLinkage.of(sampled)).partition(k);
        while (k > 1) {
            int[] pair = leastDistinct(sampled, labels, k, separation);
            if (pair == null) {
                break;
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == pair[1]) {
                    labels[i] = pair[0];
                } else if (labels[i] == k - 1) {
                    labels[i] = pair[1];
                }
            }
            k--;
        }
        return assign(points, sampled, labels, k);
    }

    /** Exactly {@code groups} groups (Ward's cut, then nearest centres). */
    public static Partition fixed(double[][] points, int groups, long seed) {
        if (points.length < groups || groups < 1) {
            throw new IllegalArgumentException("cannot form " + groups + " groups of " + points.length + " points");
        }
        int[] sample = sample(points.length, seed);
        double[][] sampled = new double[sample.length][];
        for (int i = 0; i < sample.length; i++) {
            sampled[i] = points[sample[i]];
        }
        return assign(points, sampled, HierarchicalClustering.fit(WardLinkage.of(sampled)).partition(groups), groups);
    }

    private static Partition assign(double[][] points, double[][] sampled, int[] sampleLabels, int k) {
        double[][] centres = centres(sampled, sampleLabels, k);
        int[] labels = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            labels[i] = nearest(points[i], centres);
        }
        return bySize(points, labels, k, sampled, sampleLabels);
    }

    /** The pair (a &lt; b) least apart, or null when every pair is at least {@code separation} apart. */
    private static int[] leastDistinct(double[][] points, int[] labels, int k, double separation) {
        double[][] c = centres(points, labels, k);
        int[] best = null;
        double bestD = separation;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double d = separation(points, labels, c, a, b);
                if (d < bestD) {
                    bestD = d;
                    best = new int[] {a, b};
                }
            }
        }
        return best;
    }

    /** |mean_b − mean_a| / pooled sd of the two groups' projections on the line through their centres. */
    static double separation(double[][] points, int[] labels, double[][] c, int a, int b) {
        int dim = c[a].length;
        double[] u = new double[dim];
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            u[j] = c[b][j] - c[a][j];
            norm += u[j] * u[j];
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return 0;
        }
        double[] sum = new double[2];
        double[] sq = new double[2];
        int[] size = new int[2];
        for (int i = 0; i < points.length; i++) {
            int g = labels[i] == a ? 0 : labels[i] == b ? 1 : -1;
            if (g < 0) {
                continue;
            }
            double p = 0;
            for (int j = 0; j < dim; j++) {
                p += points[i][j] * u[j];
            }
            p /= norm;
            sum[g] += p;
            sq[g] += p * p;
            size[g]++;
        }
        double pooled = 0;
        for (int g = 0; g < 2; g++) {
            double m = sum[g] / size[g];
            pooled += Math.max(0, sq[g] / size[g] - m * m);
        }
        pooled = Math.sqrt(pooled / 2);
        return pooled == 0 ? Double.MAX_VALUE : norm / pooled;
    }

    /** Mean silhouette of a labelling: for each point, (b − a)/max(a, b) with a its mean distance within its group. */
    static double silhouette(float[] distance, int n, int[] labels, int k) {
        int[] size = new int[k];
        for (int l : labels) {
            size[l]++;
        }
        double total = 0;
        double[] sum = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sum[labels[j]] += distance[index(i, j, n)];
                }
            }
            int own = labels[i];
            if (size[own] < 2) {
                continue; // a point alone scores 0
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sum[c] / size[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }

    private static int[] sample(int n, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= SAMPLE) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < SAMPLE; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, SAMPLE);
    }

    private static float[] distances(double[][] p) {
        int n = p.length;
        float[] d = new float[n * (n - 1) / 2];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[index(i, j, n)] = (float) Math.sqrt(squared(p[i], p[j]));
            }
        }
        return d;
    }

    private static int index(int i, int j, int n) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return a * n - a * (a + 1) / 2 + (b - a - 1);
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    static int nearest(double[] p, double[][] centres) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int c = 0; c < centres.length; c++) {
            double d = squared(p, centres[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private static double[][] centres(double[][] points, int[] labels, int k) {
        double[][] c = new double[k][points[0].length];
        int[] size = new int[k];
        for (int i = 0; i < points.length; i++) {
            size[labels[i]]++;
            for (int j = 0; j < points[i].length; j++) {
                c[labels[i]][j] += points[i][j];
            }
        }
        for (int g = 0; g < k; g++) {
            for (int j = 0; j < c[g].length; j++) {
                c[g][j] /= Math.max(1, size[g]);
            }
        }
        return c;
    }

    /** Relabels groups 0, 1, … from the largest down, dropping any left empty by the nearest-centre step. */
    private static Partition bySize(double[][] points, int[] labels, int k, double[][] sampled, int[] sampleLabels) {
        double silhouette = k < 2 ? 0 : silhouette(distances(sampled), sampled.length, sampleLabels, k);
        int[] size = new int[k];
        for (int l : labels) {
            size[l]++;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> size[b] != size[a] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
        int groups = 0;
        int[] rank = new int[k];
        for (int i = 0; i < k; i++) {
            rank[order[i]] = i;
            groups += size[order[i]] > 0 ? 1 : 0;
        }
        int[] out = new int[labels.length];
        int[] sizes = new int[groups];
        for (int i = 0; i < labels.length; i++) {
            out[i] = rank[labels[i]];
            sizes[out[i]]++;
        }
        return new Partition(out, centres(points, out, groups), sizes, silhouette);
    }
}
