package se.ixbi.processes.workqueue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.workflow.ActivityNames;
import se.ixbi.processes.workflow.WorkProgress;

/**
 * The workers' side of the pipeline: per topic what waits, what a worker holds (and how far it is) and what failed;
 * the open incidents, and their retry. Read with a fixed number of queries over all cases.
 */
@Service
public class WorkQueue {

    private static final String FAILED_EXTERNAL_TASK = "failedExternalTask";
    private static final String FAILED_JOB = "failedJob";

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final ActivityNames names;
    private final AuditTrail audit;
    private final Clock clock;

    WorkQueue(ExternalTaskService externalTasks, RuntimeService runtime, ManagementService management,
            ActivityNames names, AuditTrail audit, Clock clock) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.management = management;
        this.names = names;
        this.audit = audit;
        this.clock = clock;
    }

    /** A task a worker holds now. */
    public record Held(String caseId, String workerId, Date lockedUntil, Integer percent, String step) {
    }

    /** One topic: tasks waiting for a worker, held by one, and failed (no retries left: an incident). */
    public record TopicQueue(String topic, int waiting, List<Held> held, int failed) {
    }

    /** An open incident (the root cause, not its echoes on the calling activities). */
    public record OpenIncident(String id, String caseId, String activity, String type, String message, Date since,
            boolean retryable) {
    }

    public List<TopicQueue> topics() {
        Date now = Date.from(clock.instant());
        Map<String, Map<String, Object>> progress = WorkProgress.reportedByInstance(runtime);
        Map<String, List<ExternalTask>> byTopic = new TreeMap<>(externalTasks.createExternalTaskQuery().list()
                .stream().collect(Collectors.groupingBy(ExternalTask::getTopicName)));
        List<TopicQueue> topics = new ArrayList<>();
        byTopic.forEach((topic, tasks) -> {
            int waiting = 0;
            int failed = 0;
            List<Held> held = new ArrayList<>();
            for (ExternalTask t : tasks) {
                if (t.getRetries() != null && t.getRetries() == 0) {
                    failed++;
                } else if (t.getLockExpirationTime() != null && t.getLockExpirationTime().after(now)) {
                    held.add(held(t, progress.getOrDefault(t.getProcessInstanceId(), Map.of())));
                } else {
                    waiting++;
                }
            }
            held.sort(Comparator.comparing(Held::caseId, Comparator.nullsLast(Comparator.naturalOrder())));
            topics.add(new TopicQueue(topic, waiting, held, failed));
        });
        return topics;
    }

    private static Held held(ExternalTask t, Map<String, Object> reported) {
        WorkProgress progress = WorkProgress.of(t.getTopicName(), reported);
        return new Held(t.getBusinessKey(), t.getWorkerId(), t.getLockExpirationTime(), progress.percent(),
                progress.step());
    }

    public List<OpenIncident> incidents() {
        List<Incident> roots = runtime.createIncidentQuery().orderByIncidentTimestamp().desc().list().stream()
                // a failing task in a called process also raises an incident on each calling activity
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId())).toList();
        Set<String> instanceIds = roots.stream().map(Incident::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> caseOf = instanceIds.isEmpty() ? Map.of() : runtime.createProcessInstanceQuery()
                .processInstanceIds(instanceIds).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        return roots.stream().map(i -> new OpenIncident(i.getId(), caseOf.get(i.getProcessInstanceId()),
                names.of(i.getProcessDefinitionId(), i.getActivityId()), i.getIncidentType(),
                i.getIncidentMessage(), i.getIncidentTimestamp(), retryable(i))).toList();
    }

    private static boolean retryable(Incident i) {
        return i.getConfiguration() != null
                && (FAILED_EXTERNAL_TASK.equals(i.getIncidentType()) || FAILED_JOB.equals(i.getIncidentType()));
    }

    /**
     * Gives the failed task or job one more try (the incident resolves), and records who did it.
     *
     * @return the retried incident, or empty when it is gone (resolved meanwhile) or cannot be retried
     */
    @Transactional
    public Optional<OpenIncident> retry(String incidentId, String user) {
        Optional<OpenIncident> found = incidents().stream().filter(i -> i.id().equals(incidentId)).findFirst();
        if (found.isEmpty() || !found.get().retryable()) {
            return Optional.empty();
        }
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (FAILED_EXTERNAL_TASK.equals(incident.getIncidentType())) {
            externalTasks.setRetries(incident.getConfiguration(), 1);
        } else {
            management.setJobRetries(incident.getConfiguration(), 1);
        }
        OpenIncident retried = found.get();
        audit.record(user, "INCIDENT_RETRIED", retried.caseId(), "one more try for " + retried.activity() + " after: "
                + limit(retried.message()));
        return found;
    }

    private static String limit(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.length() <= 500 ? message : message.substring(0, 500) + "…";
    }
}
