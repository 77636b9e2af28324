package se.ixbi.workers.fusion;

/**
 * How {@code analysis.fusion} groups cells: at most {@code maxTypes} cell types and {@code maxNiches} niches, as many
 * as the data tell apart, unless the reviewer asked for a fixed number ({@code types}, {@code niches} &gt; 0);
 * neighbourhoods of {@code neighbours} cells; a seed so that a rerun gives the same answer; cell types from a supervised
 * ONNX model instead of clustering where {@code cellTypeModel} names one ({@code modelSha256} its content).
 */
record FusionSettings(int maxTypes, int types, int maxNiches, int niches, int neighbours, long seed,
        java.nio.file.Path cellTypeModel, String modelSha256) {

    static final FusionSettings DEFAULTS = new FusionSettings(12, 0, 8, 0,
            se.ixbi.gpu.analysis.Niches.NEIGHBOURS, 1, null, null);

    FusionSettings {
        if (maxTypes < 1 || maxNiches < 1 || types < 0 || niches < 0 || neighbours < 1) {
            throw new IllegalArgumentException("cell types, niches and neighbours must be positive (fixed counts 0"
                    + " or more): " + maxTypes + ", " + maxNiches + ", " + types + ", " + niches + ", " + neighbours);
        }
        if (types > 50 || niches > 50) {
            throw new IllegalArgumentException("at most 50 cell types or niches can be asked for, not " + types
                    + " and " + niches);
        }
    }

    FusionSettings withCounts(int fixedTypes, int fixedNiches) {
        return new FusionSettings(maxTypes, fixedTypes, maxNiches, fixedNiches, neighbours, seed, cellTypeModel,
                modelSha256);
    }

    FusionSettings withModel(java.nio.file.Path model, String sha256) {
        return new FusionSettings(maxTypes, types, maxNiches, niches, neighbours, seed, model, sha256);
    }

    /** Part of the findings' id: other settings, other findings. */
    String key() {
        return "types " + (types > 0 ? "=" + types : "<=" + maxTypes) + " niches "
                + (niches > 0 ? "=" + niches : "<=" + maxNiches) + " knn " + neighbours + " seed " + seed
                + (cellTypeModel == null ? "" : " model " + modelSha256);
    }
}
