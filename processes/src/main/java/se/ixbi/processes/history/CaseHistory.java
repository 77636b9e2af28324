package se.ixbi.processes.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.Cases;

/**
 * A case's whole history in time order, merged from Camunda's history (tasks and who claimed and completed them,
 * decisions with inputs and outputs, BPMN errors, incidents, messages, the workers' tasks) and the domain's audit
 * trail (consent, specimens, custody, datasets, stages). Each read is itself recorded in the audit trail.
 */
@Service
public class CaseHistory {

    private static final Set<String> ERROR_EVENTS = Set.of("boundaryError", "errorEndEvent", "errorStartEvent");
    private static final Set<String> MESSAGE_EVENTS = Set.of("intermediateMessageCatch", "boundaryMessage",
            "messageStartEvent", "receiveTask");
    /** The task operations the timeline shows, each with its verb. */
    private static final Map<String, String> TASK_OPERATIONS = Map.of(
            UserOperationLogEntry.OPERATION_TYPE_CLAIM, "claimed",
            UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "completed",
            UserOperationLogEntry.OPERATION_TYPE_ASSIGN, "assigned",
            UserOperationLogEntry.OPERATION_TYPE_DELEGATE, "delegated",
            UserOperationLogEntry.OPERATION_TYPE_RESOLVE, "resolved");

    private final HistoryService history;
    private final AuditTrail audit;
    private final Cases cases;
    private final ErrorReasons errorReasons;

    CaseHistory(HistoryService history, AuditTrail audit, Cases cases, ErrorReasons errorReasons) {
        this.history = history;
        this.audit = audit;
        this.cases = cases;
        this.errorReasons = errorReasons;
    }

    /** The case's history, recording that {@code reader} read it (in the format named). */
    @Transactional
    public List<HistoryEntry> read(String caseId, String reader, String format) {
        cases.require(caseId);
        List<HistoryEntry> entries = new ArrayList<>(auditEvents(caseId));
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(caseId).list()) {
            String id = instance.getId();
            String process = instance.getProcessDefinitionKey();
            Map<String, String> taskNames = tasks(id, entries);
            taskOperations(id, taskNames, entries);
            decisions(id, entries);
            Map<String, String> activityNames = events(id, process, entries);
            incidents(id, activityNames, entries);
            externalTasks(id, entries);
        }
        entries.sort(Comparator.comparing(HistoryEntry::at).thenComparing(HistoryEntry::kind));
        audit.record(reader, "HISTORY_READ", caseId, entries.size() + " entries as " + format);
        return entries;
    }

    private List<HistoryEntry> auditEvents(String caseId) {
        return audit.forCase(caseId).stream().map(e -> new HistoryEntry(e.getOccurredAt(), e.getAction(),
                e.getActor(), null, e.getDetail(), Map.of("seq", e.getSeq()), "audit")).toList();
    }

    /** @return the tasks' names by id, for the operations on them */
    private Map<String, String> tasks(String instance, List<HistoryEntry> entries) {
        Map<String, String> names = new HashMap<>();
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance)
                .list()) {
            names.put(task.getId(), task.getName());
            entries.add(new HistoryEntry(task.getStartTime().toInstant(), "TASK_CREATED", "engine", task.getName(),
                    task.getName() + " opened", Map.of("taskId", task.getId(),
                            "taskDefinitionKey", task.getTaskDefinitionKey()), "engine"));
            if (task.getEndTime() != null) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("taskId", task.getId());
                data.put(HistoryEntry.DURATION_MS, task.getDurationInMillis());
                data.put("outcome", task.getDeleteReason());
                entries.add(new HistoryEntry(task.getEndTime().toInstant(), "TASK_ENDED",
                        task.getAssignee() == null ? "engine" : task.getAssignee(), task.getName(),
                        task.getName() + " " + ended(task) + ", open "
                                + Took.of(Duration.ofMillis(task.getDurationInMillis())),
                        data, "engine"));
            }
        }
        return names;
    }

    /** "completed", or for a task that an event or the process cancelled, "closed by the process". */
    private static String ended(HistoricTaskInstance task) {
        return "deleted".equals(task.getDeleteReason()) ? "closed by the process" : task.getDeleteReason();
    }

    private void taskOperations(String instance, Map<String, String> taskNames, List<HistoryEntry> entries) {
        for (UserOperationLogEntry op : history.createUserOperationLogQuery().processInstanceId(instance).list()) {
            if (!TASK_OPERATIONS.containsKey(op.getOperationType()) || op.getTaskId() == null) {
                continue;
            }
            // one log row per changed property; the assignee row names the task's new holder
            if (op.getProperty() != null && !op.getProperty().equals("assignee")
                    && !op.getOperationType().equals(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)) {
                continue;
            }
            String task = taskNames.getOrDefault(op.getTaskId(), "a task");
            String done = op.getUserId() + " " + TASK_OPERATIONS.get(op.getOperationType()) + " " + task;
            if (op.getOperationType().equals(UserOperationLogEntry.OPERATION_TYPE_ASSIGN)) {
                done += op.getNewValue() == null ? " to no one" : " to " + op.getNewValue();
            }
            entries.add(new HistoryEntry(op.getTimestamp().toInstant(), "TASK_" + op.getOperationType().toUpperCase(),
                    op.getUserId(), task, done, Map.of("taskId", op.getTaskId()), "engine"));
        }
    }

    private void decisions(String instance, List<HistoryEntry> entries) {
        for (HistoricDecisionInstance decision : history.createHistoricDecisionInstanceQuery()
                .processInstanceId(instance).includeInputs().includeOutputs().list()) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            for (HistoricDecisionInputInstance input : decision.getInputs()) {
                inputs.put(input.getClauseName() == null ? input.getClauseId() : input.getClauseName(),
                        input.getValue());
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
                outputs.put(output.getClauseName() == null ? output.getVariableName() : output.getClauseName(),
                        output.getValue());
            }
            entries.add(new HistoryEntry(decision.getEvaluationTime().toInstant(), "DECISION", "engine",
                    decision.getDecisionDefinitionName(),
                    Figures.of(outputs) + " (from " + Figures.of(inputs) + ")",
                    Map.of("inputs", inputs, "outputs", outputs), "engine"));
        }
    }

    /** @return the activities' names by id, for the incidents raised at them */
    private Map<String, String> events(String instance, String process, List<HistoryEntry> entries) {
        Map<String, String> names = new HashMap<>();
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).list();
        Map<String, String> reasons = errorReasons.byActivityInstance(activities.stream()
                .filter(a -> ERROR_EVENTS.contains(a.getActivityType())).toList());
        for (HistoricActivityInstance activity : activities) {
            String type = activity.getActivityType();
            String name = activity.getActivityName() == null ? activity.getActivityId() : activity.getActivityName();
            names.put(activity.getActivityId(), name);
            if (ERROR_EVENTS.contains(type)) {
                String reason = reasons.get(activity.getId());
                entries.add(new HistoryEntry(activity.getStartTime().toInstant(), "BPMN_ERROR", "engine", name,
                        reason == null ? name : name + ": " + reason,
                        Map.of("activityId", activity.getActivityId(), "process", process), "engine"));
            } else if (MESSAGE_EVENTS.contains(type) && activity.getEndTime() != null) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("activityId", activity.getActivityId());
                data.put("process", process);
                data.put(HistoryEntry.DURATION_MS, activity.getDurationInMillis());
                entries.add(new HistoryEntry(activity.getEndTime().toInstant(), "MESSAGE", "engine", name,
                        name + ": arrived after " + Took.of(Duration.ofMillis(activity.getDurationInMillis())),
                        data, "engine"));
            }
        }
        return names;
    }

    private void incidents(String instance, Map<String, String> activityNames, List<HistoryEntry> entries) {
        for (HistoricIncident incident : history.createHistoricIncidentQuery().processInstanceId(instance).list()) {
            String at = activityNames.getOrDefault(incident.getActivityId(), incident.getActivityId());
            entries.add(new HistoryEntry(incident.getCreateTime().toInstant(), "INCIDENT", "engine", at,
                    incident.getIncidentMessage(), Map.of("type", incident.getIncidentType()), "engine"));
            if (incident.getEndTime() != null) {
                entries.add(new HistoryEntry(incident.getEndTime().toInstant(),
                        incident.isResolved() ? "INCIDENT_RESOLVED" : "INCIDENT_DELETED", "engine", at,
                        incident.getIncidentMessage(), Map.of(HistoryEntry.DURATION_MS,
                                incident.getEndTime().getTime() - incident.getCreateTime().getTime()), "engine"));
            }
        }
    }

    private void externalTasks(String instance, List<HistoryEntry> entries) {
        List<HistoricExternalTaskLog> logs = history.createHistoricExternalTaskLogQuery().processInstanceId(instance)
                .list();
        Map<String, Date> queued = new HashMap<>();
        logs.stream().filter(HistoricExternalTaskLog::isCreationLog)
                .forEach(log -> queued.merge(log.getExternalTaskId(), log.getTimestamp(),
                        (one, other) -> one.before(other) ? one : other));
        for (HistoricExternalTaskLog log : logs) {
            if (log.isSuccessLog()) {
                Map<String, Object> data = new LinkedHashMap<>();
                String detail = log.getTopicName() + " done by " + log.getWorkerId();
                Date since = queued.get(log.getExternalTaskId());
                if (since != null) {
                    long ms = log.getTimestamp().getTime() - since.getTime();
                    data.put(HistoryEntry.DURATION_MS, ms);
                    detail += ", " + Took.of(Duration.ofMillis(ms)) + " after it was queued";
                }
                entries.add(new HistoryEntry(log.getTimestamp().toInstant(), "WORK_DONE", log.getWorkerId(),
                        log.getTopicName(), detail, data, "engine"));
            } else if (log.isFailureLog()) {
                entries.add(new HistoryEntry(log.getTimestamp().toInstant(), "WORK_FAILED", log.getWorkerId(),
                        log.getTopicName(), log.getErrorMessage(), Map.of("retries",
                                log.getRetries() == null ? 0 : log.getRetries()), "engine"));
            }
        }
    }
}
