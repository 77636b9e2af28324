package se.ixbi.workers.omics;

import java.util.Arrays;

/**
 * Quality control and normalisation as scanpy's defaults do them: cells with too few counts or too few detected
 * genes are dropped, and each remaining cell is scaled to 10 000 counts and log1p-transformed, so that expression
 * profiles compare across cells of different size and capture efficiency.
 */
public final class OmicsQc {

    /** What QC saw and kept. */
    public record Summary(int cellsIn, int cellsKept, int genes, double medianCounts, double medianGenes,
            int minCounts, int minGenes) {
    }

    public record Result(CellTable normalised, CellTable kept, Summary summary) {
    }

    private final int minCounts;
    private final int minGenes;

    public OmicsQc(int minCounts, int minGenes) {
        this.minCounts = minCounts;
        this.minGenes = minGenes;
    }

    public Result run(CellTable raw) {
        int n = raw.cells();
        double[] counts = new double[n];
        double[] detected = new double[n];
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (float v : raw.values()[i]) {
                counts[i] += v;
                detected[i] += v > 0 ? 1 : 0;
            }
            keep[i] = counts[i] >= minCounts && detected[i] >= minGenes;
        }
        CellTable kept = raw.keep(keep);
        float[][] normalised = new float[kept.cells()][];
        for (int i = 0; i < kept.cells(); i++) {
            float[] row = kept.values()[i];
            double total = 0;
            for (float v : row) {
                total += v;
            }
            float[] out = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                out[j] = (float) Math.log1p(row[j] / total * 1e4);
            }
            normalised[i] = out;
        }
        Summary summary = new Summary(n, kept.cells(), raw.genes().length, median(counts), median(detected),
                minCounts, minGenes);
        return new Result(new CellTable(kept.cellIds(), kept.genes(), kept.x(), kept.y(), normalised), kept,
                summary);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
