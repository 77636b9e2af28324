package se.ixbi.processes.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sla                       how long a case may run before the coordinator is asked to follow it up
 * @param custodyTimeout            how long after the biopsy a sample may take to be scanned at the beamline
 * @param defaultTargetResolutionUm X-ray target resolution when the registration names none
 */
@ConfigurationProperties("ixbi.case")
public record CaseProperties(Duration sla, Duration custodyTimeout, double defaultTargetResolutionUm) {

    /** ISO 8601 as people write it ({@code P90D}, not {@code PT2160H}): forms show it and timers read it. */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
}
