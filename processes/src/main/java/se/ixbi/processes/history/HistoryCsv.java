package se.ixbi.processes.history;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        if (value == null) {
            return "";
        }
        // a leading = + - @ would be a formula in a spreadsheet
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.matches(".*[\",\r\n].*") || !safe.equals(value) ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
