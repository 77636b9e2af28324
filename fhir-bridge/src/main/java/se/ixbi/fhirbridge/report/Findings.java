package se.ixbi.fhirbridge.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.ixbi.fhirbridge.tasks.TaskInput;

/**
 * The figures a clinician reads in the report, from the fusion worker's {@code findings.json} and the X-ray
 * quality check: tissue volume and classes, cell types and their shares, niches, QC.
 */
final class Findings {

    private Findings() {
    }

    static List<Finding> of(JsonNode findings, TaskInput task) {
        List<Finding> out = new ArrayList<>();
        JsonNode xray = findings.path("xray");
        if (xray.has("tissueVolumeMm3")) {
            out.add(new Finding("tissue-volume", "Tissue volume in the X-ray volume",
                    xray.path("tissueVolumeMm3").asDouble(), "mm3", "mm³", "xray"));
        }
        xray.path("tissueClasses").fields().forEachRemaining(e -> out.add(new Finding(
                "tissue-fraction-" + e.getKey(), "Share of " + e.getKey() + " tissue (X-ray, three-class Otsu)",
                round(100 * e.getValue().asDouble()), "%", "%", "xray")));
        JsonNode types = findings.path("cellTypes");
        if (types.isArray() && !types.isEmpty()) {
            long cells = 0;
            for (JsonNode t : types) {
                cells += t.path("cells").asLong();
            }
            out.add(new Finding("cell-type-count", "Cell types found (spatial omics)", types.size(), "{count}",
                    "cell types", "omics"));
            for (JsonNode t : types) {
                String name = t.path("type").asText() + (t.hasNonNull("label") ? " " + t.path("label").asText() : "");
                out.add(new Finding("cell-type-fraction-" + t.path("type").asText(),
                        "Share of cells of type " + name + markers(t), round(100.0 * t.path("cells").asLong()
                                / Math.max(1, cells)), "%", "%", "omics"));
            }
        }
        JsonNode niches = findings.path("niches");
        if (niches.isArray() && !niches.isEmpty()) {
            out.add(new Finding("niche-count", "Cellular niches found (spatial omics)", niches.size(), "{count}",
                    "niches", "omics"));
        }
        addQc(out, task, "qcSnr", "qc-snr", "Signal-to-noise ratio of the X-ray volume", "1", "");
        addQc(out, task, "qcCnr", "qc-cnr", "Contrast-to-noise ratio of the X-ray volume", "1", "");
        addQc(out, task, "qcResolutionUm", "qc-resolution", "Resolution of the X-ray volume", "um", "µm");
        addQc(out, task, "qcRingScore", "qc-ring-score", "Ring artefact score of the X-ray volume", "1", "");
        return out;
    }

    private static void addQc(List<Finding> out, TaskInput task, String variable, String code, String display,
            String ucum, String unit) {
        Double value = task.number(variable);
        if (value != null && Double.isFinite(value)) {
            out.add(new Finding(code, display, value, ucum, unit, "qc"));
        }
    }

    private static String markers(JsonNode type) {
        List<String> genes = new ArrayList<>();
        type.path("markers").forEach(m -> genes.add(m.asText()));
        return genes.isEmpty() ? "" : " (markers " + String.join(", ", genes.subList(0, Math.min(3, genes.size())))
                + ")";
    }

    static String format(Finding f) {
        String value = Math.abs(f.value()) >= 100 || f.value() == Math.rint(f.value())
                ? String.format(Locale.ROOT, "%.0f", f.value())
                : Math.abs(f.value()) >= 0.01 ? String.format(Locale.ROOT, "%.2f", f.value())
                : String.format(Locale.ROOT, "%.3g", f.value());
        return f.unit().isEmpty() ? value : value + " " + f.unit();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
