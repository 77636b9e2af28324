package se.ixbi.processes.history;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import se.ixbi.processes.audit.CsvField;

/** RFC 4180 CSV of history entries, one row each, for spreadsheets and archives. */
final class HistoryCsv {

    static final String HEADER = "at,kind,actor,subject,detail,source,data";

    private HistoryCsv() {
    }

    static String write(List<HistoryEntry> entries) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (HistoryEntry e : entries) {
            csv.append(Stream.of(e.at().toString(), e.kind(), e.actor(), e.subject(), e.detail(), e.source(),
                    e.data().isEmpty() ? "" : e.data().toString())
                    .map(HistoryCsv::field).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        return CsvField.of(value);
    }
}
