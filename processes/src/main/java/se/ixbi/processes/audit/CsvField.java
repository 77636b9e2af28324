package se.ixbi.processes.audit;

/** One field of an exported CSV file (RFC 4180), safe to open in a spreadsheet. */
public final class CsvField {

    private CsvField() {
    }

    public static String of(String value) {
        if (value == null) {
            return "";
        }
        // a leading = + - @ would be a formula in a spreadsheet
        String safe = value.matches("(?s)^[=+\\-@].*") ? "'" + value : value;
        return safe.matches("(?s).*[\",\r\n].*") || !safe.equals(value) ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
