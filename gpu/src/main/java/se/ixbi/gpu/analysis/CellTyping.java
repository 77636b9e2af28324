package se.ixbi.gpu.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cell types from expression alone: the principal components of the log-normalised profiles
 * ({@link PrincipalComponents}), clustered ({@link Clusters}), and each type described by its marker genes — those
 * whose mean (log-normalised) is highest in the type against all other cells.
 */
public final class CellTyping {

    public static final int MAX_GENES = 500;
    public static final int MAX_COMPONENTS = 30;
    static final int MARKERS = 3;

    /** A type's marker: the gene, its mean in the type and in the other cells (log-normalised). */
    public record Marker(String gene, double meanIn, double meanOut) {
    }

    /** The types (0 … count − 1, largest first), their sizes, markers, and how they were found. */
    public record Result(int[] types, int[] sizes, List<List<Marker>> markers, int components, int genesUsed,
            double silhouette) {

        public int count() {
            return sizes.length;
        }
    }

    private CellTyping() {
    }

    /**
     * @param values   log-normalised expression, cells × genes
     * @param maxTypes at most this many types; @param fixedTypes exactly this many, or 0 for as many as are distinct
     *                 ({@link Clusters#find})
     */
    public static Result find(float[][] values, String[] genes, int maxTypes, int fixedTypes, long seed) {
        if (values.length < Math.max(2, fixedTypes)) {
            throw new IllegalArgumentException("cannot find " + Math.max(2, fixedTypes) + " cell types among "
                    + values.length + " cells");
        }
        PrincipalComponents pca = PrincipalComponents.fit(values, MAX_GENES, MAX_COMPONENTS);
        double[][] scores = pca.scores(values);
        Clusters.Partition p = fixedTypes > 0 ? Clusters.fixed(scores, fixedTypes, seed)
                : Clusters.find(scores, maxTypes, Clusters.SEPARATION, seed);
        return new Result(p.labels(), p.sizes(), markers(values, genes, p.labels(), p.count()), pca.components(),
                pca.genesUsed(), p.silhouette());
    }

    /** Types given by another method (a supervised model): their sizes and markers, as for found types. */
    public static Result describe(float[][] values, String[] genes, int[] types, int count) {
        int[] sizes = new int[count];
        for (int t : types) {
            if (t < 0 || t >= count) {
                throw new IllegalArgumentException("cell type " + t + " outside 0…" + (count - 1));
            }
            sizes[t]++;
        }
        return new Result(types, sizes, markers(values, genes, types, count), 0, genes.length, Double.NaN);
    }

    static List<List<Marker>> markers(float[][] values, String[] genes, int[] types, int k) {
        int g = genes.length;
        double[][] sum = new double[k][g];
        double[] total = new double[g];
        int[] size = new int[k];
        for (int i = 0; i < values.length; i++) {
            size[types[i]]++;
            for (int j = 0; j < g; j++) {
                sum[types[i]][j] += values[i][j];
                total[j] += values[i][j];
            }
        }
        List<List<Marker>> out = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            int others = values.length - size[t];
            double[] in = new double[g];
            double[] out2 = new double[g];
            Integer[] order = new Integer[g];
            for (int j = 0; j < g; j++) {
                in[j] = sum[t][j] / Math.max(1, size[t]);
                out2[j] = others == 0 ? 0 : (total[j] - sum[t][j]) / others;
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(in[b] - out2[b], in[a] - out2[a]));
            List<Marker> markers = new ArrayList<>();
            for (int m = 0; m < Math.min(MARKERS, g); m++) {
                markers.add(new Marker(genes[order[m]], in[order[m]], out2[order[m]]));
            }
            out.add(markers);
        }
        return out;
    }
}
