package se.ixbi.gpu.analysis;

import java.util.Arrays;

/**
 * Principal components of cells' expression, as single-cell pipelines take them before clustering: the most variable
 * genes, each standardised (clipped at ten standard deviations), and the components whose variance stands above
 * what noise alone gives (the Marchenko–Pastur edge {@code (1 + √(genes/cells))²}), at most {@code maxComponents}.
 * Clusters then form in the few directions that carry biology instead of drowning in the many that carry counting
 * noise. The eigenvectors come from a cyclic Jacobi sweep of the gene covariance: Smile's PCA needs its native
 * OpenBLAS, which this module does not bundle.
 */
final class PrincipalComponents {

    static final int MIN_COMPONENTS = 10;

    private final int[] genes;
    private final double[] mean;
    private final double[] scale;
    private final double[][] axes; // component × selected gene
    private final double[] variance;

    private PrincipalComponents(int[] genes, double[] mean, double[] scale, double[][] axes, double[] variance) {
        this.genes = genes;
        this.mean = mean;
        this.scale = scale;
        this.axes = axes;
        this.variance = variance;
    }

    public static PrincipalComponents fit(float[][] values, int maxGenes, int maxComponents) {
        int n = values.length;
        int g = values[0].length;
        double[] m = new double[g];
        double[] v = new double[g];
        for (float[] row : values) {
            for (int j = 0; j < g; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < g; j++) {
            m[j] /= n;
        }
        for (float[] row : values) {
            for (int j = 0; j < g; j++) {
                v[j] += (row[j] - m[j]) * (row[j] - m[j]);
            }
        }
        Integer[] order = new Integer[g];
        for (int j = 0; j < g; j++) {
            order[j] = j;
            v[j] /= Math.max(1, n - 1);
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[b], v[a]));
        int kept = 0;
        while (kept < Math.min(g, maxGenes) && v[order[kept]] > 0) {
            kept++;
        }
        if (kept < 2) {
            throw new IllegalArgumentException("fewer than two genes vary between the cells: nothing to cluster by");
        }
        int[] selected = new int[kept];
        double[] mean = new double[kept];
        double[] scale = new double[kept];
        for (int j = 0; j < kept; j++) {
            selected[j] = order[j];
            mean[j] = m[order[j]];
            scale[j] = 1 / Math.sqrt(v[order[j]]);
        }
        double[][] cov = new double[kept][kept];
        double[] z = new double[kept];
        for (float[] row : values) {
            standardise(row, selected, mean, scale, z);
            for (int a = 0; a < kept; a++) {
                for (int b = a; b < kept; b++) {
                    cov[a][b] += z[a] * z[b];
                }
            }
        }
        for (int a = 0; a < kept; a++) {
            for (int b = a; b < kept; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] vectors = new double[kept][kept];
        double[] eigen = jacobi(cov, vectors);
        Integer[] byValue = new Integer[kept];
        for (int j = 0; j < kept; j++) {
            byValue[j] = j;
        }
        Arrays.sort(byValue, (a, b) -> Double.compare(eigen[b], eigen[a]));
        double edge = Math.pow(1 + Math.sqrt((double) kept / n), 2);
        int components = 0;
        while (components < Math.min(maxComponents, kept) && eigen[byValue[components]] > edge) {
            components++;
        }
        components = Math.max(components, Math.min(MIN_COMPONENTS, kept));
        double[][] axes = new double[components][kept];
        double[] variance = new double[components];
        for (int c = 0; c < components; c++) {
            variance[c] = eigen[byValue[c]];
            for (int j = 0; j < kept; j++) {
                axes[c][j] = vectors[j][byValue[c]];
            }
        }
        return new PrincipalComponents(selected, mean, scale, axes, variance);
    }

    public int components() {
        return axes.length;
    }

    public int genesUsed() {
        return genes.length;
    }

    /** Variance along each kept component (of standardised genes, so the sum over all would be the gene count). */
    public double[] variance() {
        return variance.clone();
    }

    public double[][] scores(float[][] values) {
        double[][] out = new double[values.length][axes.length];
        double[] z = new double[genes.length];
        for (int i = 0; i < values.length; i++) {
            standardise(values[i], genes, mean, scale, z);
            for (int c = 0; c < axes.length; c++) {
                double s = 0;
                for (int j = 0; j < z.length; j++) {
                    s += axes[c][j] * z[j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    private static void standardise(float[] row, int[] genes, double[] mean, double[] scale, double[] z) {
        for (int j = 0; j < genes.length; j++) {
            z[j] = Math.max(-10, Math.min(10, (row[genes[j]] - mean[j]) * scale[j]));
        }
    }

    /** Eigenvalues of the symmetric matrix {@code a} (destroyed), eigenvectors into the columns of {@code v}. */
    static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    total += a[p][q] * a[p][q];
                    if (p != q) {
                        off += a[p][q] * a[p][q];
                    }
                }
            }
            if (off <= 1e-22 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
