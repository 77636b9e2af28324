package se.ixbi.processes.casefile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import se.ixbi.processes.dataset.DatasetView;
import se.ixbi.processes.dataset.DatasetView.TransformView;

/**
 * The case page's datasets table: each dataset at its level (raw, reconstructed, aligned for a vEM block), each
 * registration into the X-ray volume as a row of its own at the registered level, and the findings last; in that
 * order, then by time.
 */
public final class DatasetRows {

    private static final List<String> LEVELS = List.of("Raw", "Reconstructed", "Aligned", "Registered", "Analysed");

    /**
     * @param anchor the row's id in the page ({@code dataset-<id>} or {@code transform-<id>})
     * @param sizeBytes null for a registration (a small transform file, not data)
     * @param detail what else the row needs to say, such as a registration's error; null when nothing
     * @param statusReason why a dataset is refused or superseded, in the words of what found it; null when current
     */
    public record Row(String anchor, String level, String modality, String status, Long sizeBytes, String sha256,
            String producedBy, String software, String detail, Instant at, String statusReason) {
    }

    private DatasetRows() {
    }

    static List<Row> of(List<DatasetView> datasets) {
        List<Row> rows = new ArrayList<>();
        for (DatasetView d : datasets) {
            String status = d.status().name().toLowerCase(Locale.ROOT);
            rows.add(new Row("dataset-" + d.id(), d.level().label(d.modality()), d.modality().label(), status, d.sizeBytes(), d.sha256(),
                    producer(d.producedBy()), d.softwareVersion(), null, d.createdAt(), d.statusReason()));
            for (TransformView t : d.transforms()) {
                rows.add(new Row("transform-" + t.id(), "Registered", d.modality().label() + " into X-ray", status,
                        null, null, t.method(), null, t.errorUm() == null ? null
                                : String.format(Locale.ROOT, "error %.1f µm", t.errorUm()), t.createdAt(), null));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> LEVELS.indexOf(r.level())).thenComparing(Row::at));
        return rows;
    }

    private static String producer(String producedBy) {
        if (producedBy == null) {
            return "uploaded";
        }
        return producedBy.startsWith("upload:") ? "uploaded by " + producedBy.substring("upload:".length())
                : producedBy;
    }
}
