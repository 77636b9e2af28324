package se.ixbi.gpu.analysis;

import smile.neighbor.KDTree;
import smile.neighbor.Neighbor;

/**
 * Microenvironment niches: each cell described by the mix of cell types among its nearest neighbours in the section
 * (itself included), and those mixes clustered ({@link Clusters}) — cells whose surroundings look alike share a
 * niche, as in neighbourhood-composition analyses of spatial omics (CODEX, Xenium niche calling).
 */
public final class Niches {

    /** Each cell's niche (0 … count − 1, largest first), and each niche's mean composition by cell type. */
    public record Result(int[] niches, int[] sizes, double[][] composition, int neighbours, double silhouette) {

        public int count() {
            return sizes.length;
        }
    }

    /** Schürch et al. (Cell 2020) describe each cell by its ten nearest neighbours; wider windows blur small niches. */
    public static final int NEIGHBOURS = 10;

    private Niches() {
    }

    /**
     * @param y, x       cell positions (µm)
     * @param types      each cell's type, 0 … typeCount − 1
     * @param neighbours how many nearest cells (the cell included) make a neighbourhood
     * @param fixedNiches exactly this many niches, or 0 for as many (up to {@code maxNiches}) as are distinct
     */
    public static Result find(double[] y, double[] x, int[] types, int typeCount, int neighbours, int maxNiches,
            int fixedNiches, long seed) {
        double[][] mix = composition(y, x, types, typeCount, neighbours);
        Clusters.Partition p = fixedNiches > 0 ? Clusters.fixed(mix, fixedNiches, seed)
                : Clusters.find(mix, maxNiches, Clusters.SEPARATION, seed);
        return new Result(p.labels(), p.sizes(), p.centres(), Math.min(neighbours, y.length), p.silhouette());
    }

    /** Per cell, the fraction of each type among its {@code neighbours} nearest cells, itself included. */
    static double[][] composition(double[] y, double[] x, int[] types, int typeCount, int neighbours) {
        int n = y.length;
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {y[i], x[i]};
        }
        KDTree<double[]> tree = KDTree.of(points);
        int k = Math.min(neighbours, n) - 1;
        double[][] out = new double[n][typeCount];
        for (int i = 0; i < n; i++) {
            out[i][types[i]] += 1.0 / (k + 1);
            if (k > 0) {
                // the tree leaves out the query's own point
                for (Neighbor<double[], double[]> nb : tree.search(points[i], k)) {
                    out[i][types[nb.index]] += 1.0 / (k + 1);
                }
            }
        }
        return out;
    }
}
