package se.ixbi.workers.omics;

import java.util.Arrays;

/**
 * Spatial omics as IXBI reads it: cells with an id and a position in the section (x, y in micrometres, as the
 * instrument's image axes), and a value per gene (counts as measured, or normalised).
 */
public record CellTable(String[] cellIds, String[] genes, double[] x, double[] y, float[][] values) {

    public CellTable {
        if (x.length != cellIds.length || y.length != cellIds.length || values.length != cellIds.length) {
            throw new IllegalArgumentException("cells, positions and values disagree in number: " + cellIds.length
                    + " ids, " + x.length + " positions, " + values.length + " rows");
        }
        for (float[] row : values) {
            if (row.length != genes.length) {
                throw new IllegalArgumentException("each cell needs a value per gene (" + genes.length + ")");
            }
        }
    }

    public int cells() {
        return cellIds.length;
    }

    /** The table restricted to the cells whose flag is set. */
    public CellTable keep(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        String[] ids = new String[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        float[][] v = new float[n][];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                ids[j] = cellIds[i];
                xs[j] = x[i];
                ys[j] = y[i];
                v[j] = values[i];
                j++;
            }
        }
        return new CellTable(ids, genes, xs, ys, v);
    }

    @Override
    public String toString() {
        return cells() + " cells × " + genes.length + " genes " + Arrays.toString(Arrays.copyOf(genes,
                Math.min(5, genes.length)));
    }
}
