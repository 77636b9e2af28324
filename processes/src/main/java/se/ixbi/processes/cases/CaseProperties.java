package se.ixbi.processes.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sla                       how long a case may run before the coordinator is asked to follow it up
 * @param custodyTimeout            how long after the biopsy a sample may take to be scanned at the beamline
 * @param defaultTargetResolutionUm X-ray target resolution when the registration names none
 */
@ConfigurationProperties("ixbi.case")
record CaseProperties(Duration sla, Duration custodyTimeout, double defaultTargetResolutionUm) {

    /** ISO 8601 as people write it ({@code P90D}, not {@code PT2160H}): forms show it and timers read it. */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    /** The duration as people read it in a form: "3 days", "36 hours", "90 minutes". */
    static String inWords(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return plural(d.toDays(), "day");
        }
        return d.toSeconds() % 3_600 == 0 ? plural(d.toHours(), "hour") : plural(d.toMinutes(), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
