package se.ixbi.fhirbridge.report;

import java.util.List;

/** What the report PDF says, in reading order. */
record ReportContent(String title, String subtitle, String conclusion, String analysis, List<String[]> figures,
        List<Picture> pictures, List<String> datasets) {

    record Picture(String caption, byte[] png) {
    }
}
