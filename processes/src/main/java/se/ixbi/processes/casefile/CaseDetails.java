package se.ixbi.processes.casefile;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.CaseStatus;
import se.ixbi.processes.consent.ConsentDecision;
import se.ixbi.processes.consent.ConsentScopes;
import se.ixbi.processes.dataset.DatasetView;
import se.ixbi.processes.specimen.SpecimenView;

/** Everything a coordinator needs to see where a case stands, without reading engine tables. */
public record CaseDetails(
        String id,
        String useCase,
        String pseudonym,
        CaseStatus status,
        CaseStage stage,
        double targetResolutionUm,
        String processInstanceId,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<OpenTask> openTasks,
        List<String> waitingFor,
        List<PendingWork> pendingWork,
        List<Incident> incidents,
        ConsentSummary consent,
        List<SpecimenView> specimens,
        List<DatasetView> datasets) {

    public record OpenTask(String id, String name, String taskDefinitionKey, String process, List<String> candidateGroups,
            String assignee, Date created) {
    }

    /**
     * An external task waiting for, or held by, a worker. {@code progressPercent} and {@code progressStep} are what
     * the worker holding it last reported; null while no worker holds it.
     */
    public record PendingWork(String topic, String activityId, Integer retries, String errorMessage, Date lockedUntil,
            String workerId, Integer progressPercent, String progressStep) {
    }

    public record Incident(String activityId, String type, String message, Date since) {
    }

    public record ConsentSummary(ConsentDecision decision, ConsentScopes scopes, String version, Instant recordedAt,
            Instant withdrawnAt) {
    }
}
