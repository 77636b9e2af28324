package se.ixbi.workers.fusion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import se.ixbi.workers.omics.CellTable;

/**
 * Cell types from a supervised model in ONNX (ONNX Runtime, CPU): one float input of cells × genes (the normalised
 * expression, log CP10k), one output of either a label per cell (int64) or a score per cell and type (float, the
 * highest wins). The model says which genes it reads, in order, and what its types are called, in its metadata:
 * {@code genes} and {@code labels}, comma-separated. Genes the table lacks read as 0; a table with under half of the
 * model's genes is refused, as is a model without that metadata.
 */
final class OnnxCellTypes {

    /** Each cell's type (index into {@code labels}). */
    record Prediction(int[] types, String[] labels) {
    }

    private OnnxCellTypes() {
    }

    static Prediction predict(Path model, CellTable cells) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("the cell-type model " + model + " (ixbi.fusion.cell-type-model) is not"
                    + " a file");
        }
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("ONNX Runtime is not on this node's class path: start it with"
                    + " -Dloader.path=<folder with onnxruntime-1.20.0.jar> (docs/analysis.md)", e);
        }
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            String[] genes = list(meta, "genes", model);
            String[] labels = list(meta, "labels", model);
            float[][] input = columns(cells, genes, model);
            String inputName = session.getInputNames().iterator().next();
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, input);
                    OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                return new Prediction(types(result.get(0), cells.cells(), labels.length, model), labels);
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("the cell-type model " + model + " cannot be run: " + e.getMessage(), e);
        }
    }

    private static String[] list(Map<String, String> meta, String key, Path model) {
        String value = meta.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the cell-type model " + model + " has no '" + key + "' in its metadata"
                    + " (comma-separated)");
        }
        return Arrays.stream(value.split(",")).map(String::trim).toArray(String[]::new);
    }

    private static float[][] columns(CellTable cells, String[] genes, Path model) {
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < cells.genes().length; g++) {
            index.put(cells.genes()[g], g);
        }
        int found = 0;
        int[] column = new int[genes.length];
        for (int g = 0; g < genes.length; g++) {
            column[g] = index.getOrDefault(genes[g], -1);
            found += column[g] >= 0 ? 1 : 0;
        }
        if (2 * found < genes.length) {
            throw new IllegalArgumentException("the cells have only " + found + " of the " + genes.length + " genes"
                    + " the cell-type model " + model.getFileName() + " reads");
        }
        float[][] out = new float[cells.cells()][genes.length];
        for (int i = 0; i < cells.cells(); i++) {
            for (int g = 0; g < genes.length; g++) {
                out[i][g] = column[g] < 0 ? 0 : cells.values()[i][column[g]];
            }
        }
        return out;
    }

    private static int[] types(OnnxValue output, int cells, int labels, Path model) throws OrtException {
        Object value = output.getValue();
        int[] out = new int[cells];
        if (value instanceof long[] ids && ids.length == cells) {
            for (int i = 0; i < cells; i++) {
                out[i] = (int) ids[i];
            }
        } else if (value instanceof float[][] scores && scores.length == cells) {
            for (int i = 0; i < cells; i++) {
                int best = 0;
                for (int k = 1; k < scores[i].length; k++) {
                    best = scores[i][k] > scores[i][best] ? k : best;
                }
                out[i] = best;
            }
        } else {
            throw new IllegalArgumentException("the cell-type model " + model.getFileName() + " gives "
                    + output.getInfo() + "; one int64 label or one float score per type is read for each of " + cells
                    + " cells");
        }
        for (int t : out) {
            if (t < 0 || t >= labels) {
                throw new IllegalArgumentException("the cell-type model " + model.getFileName() + " gave type " + t
                        + ", but its metadata names " + labels + " labels");
            }
        }
        return out;
    }
}
