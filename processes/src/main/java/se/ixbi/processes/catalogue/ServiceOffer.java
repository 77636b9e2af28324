package se.ixbi.processes.catalogue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import se.ixbi.processes.cases.CaseStage;

/**
 * One joint service of the cluster, as the catalogue describes it.
 *
 * @param turnaround the target per pipeline stage, in pipeline order, this service carries out: the SLA the board measures against
 * @param capacityPerWeek cases the service can take per week
 */
public record ServiceOffer(String id, String name, String provider, String description, List<AccessMode> accessModes,
        Map<CaseStage, Duration> turnaround, int capacityPerWeek, Readiness readiness) {

    public ServiceOffer {
        accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
        // in pipeline order, as pages show it
        turnaround = turnaround == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(turnaround));
    }
}
