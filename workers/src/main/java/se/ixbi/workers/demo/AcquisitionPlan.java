package se.ixbi.workers.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import se.ixbi.workers.scan.ScanSet;

/**
 * What the engine's acquisition plan (DMN {@code acquisition-plan}) chose for a case's scan: the scan must be taken
 * as planned, since the reconstruction retrieves the phase with the plan's energy and distance.
 *
 * @param distancesMm the propagation distances as the plan gives them ("50" or "30,60"); blank for absorption
 */
public record AcquisitionPlan(String caseId, double energyKev, double pixelUm, String distancesMm) {

    /** The plan of the case's X-ray process, read as {@code user} (an operator at the beamline, or the demo's). */
    public static AcquisitionPlan read(String baseUrl, Function<String, String> signIn, String user, String caseId) {
        return read(new PlatformClient(baseUrl, signIn), user, caseId);
    }

    static AcquisitionPlan read(PlatformClient platform, String user, String caseId) {
        JsonNode instances = platform.get(user, "/engine-rest/history/process-instance?processInstanceBusinessKey="
                + PlatformClient.query(caseId) + "&processDefinitionKey=ixbi-xray&sortBy=startTime&sortOrder=desc");
        if (!instances.isArray() || instances.isEmpty()) {
            throw new IllegalStateException("case " + caseId + " has no X-ray process yet: its acquisition is planned "
                    + "once the core is at the beamline");
        }
        JsonNode variables = platform.get(user, "/engine-rest/history/variable-instance?processInstanceId="
                + instances.get(0).path("id").asText());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        variables.forEach(v -> values.put(v.path("name").asText(), v.path("value")));
        if (!values.containsKey("energyKev") || !values.containsKey("pixelSizeUm")) {
            throw new IllegalStateException("case " + caseId + " has no acquisition plan yet");
        }
        JsonNode distances = values.get("propagationDistancesMm");
        return new AcquisitionPlan(caseId, values.get("energyKev").asDouble(), values.get("pixelSizeUm").asDouble(),
                distances == null || distances.isNull() ? "" : distances.asText());
    }

    /** The first propagation distance in metres: the one a single-distance scan is taken at; null for absorption. */
    public Double firstDistanceM() {
        return distancesM().stream().findFirst().filter(m -> m > 0).orElse(null);
    }

    /** Every propagation distance the plan names, in metres (a scan set takes one scan at each); empty for none. */
    public List<Double> distancesM() {
        return ScanSet.millimetres(distancesMm).stream().map(mm -> mm / 1000.0).toList();
    }

    @Override
    public String toString() {
        return energyKev + " keV, " + pixelUm + " µm pixels, " + (firstDistanceM() == null ? "absorption"
                : "phase contrast at " + distancesMm + " mm");
    }
}
