package se.ixbi.processes.decisions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task in which a person decides something the case rests on, as the audit trail records it.
 *
 * @param action the audit trail's action, e.g. {@code QC_REVIEWED}
 * @param evidence the variables the person judged, by name, with how the trail names them; read when the task
 *     opens, so that a value the form then overwrites (the proposed ROI) is kept as it was proposed
 */
record HumanDecision(String taskKey, String action, Map<String, String> evidence) {

    static HumanDecision of(String taskKey, String action, String... evidence) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < evidence.length; i += 2) {
            named.put(evidence[i], evidence[i + 1]);
        }
        return new HumanDecision(taskKey, action, named);
    }
}
