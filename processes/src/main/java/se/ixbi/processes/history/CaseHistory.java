package se.ixbi.processes.history;

import java.util.ArrayList;
import java.util.Comparator;
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
    private static final Set<String> TASK_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_CLAIM,
            UserOperationLogEntry.OPERATION_TYPE_COMPLETE, UserOperationLogEntry.OPERATION_TYPE_ASSIGN,
            UserOperationLogEntry.OPERATION_TYPE_DELEGATE, UserOperationLogEntry.OPERATION_TYPE_RESOLVE);

    private final HistoryService history;
    private final AuditTrail audit;
    private final Cases cases;

    CaseHistory(HistoryService history, AuditTrail audit, Cases cases) {
        this.history = history;
        this.audit = audit;
        this.cases = cases;
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
            tasks(id, entries);
            taskOperations(id, entries);
            decisions(id, entries);
            events(id, process, entries);
            incidents(id, entries);
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

    private void tasks(String instance, List<HistoryEntry> entries) {
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance)
                .list()) {
            entries.add(new HistoryEntry(task.getStartTime().toInstant(), "TASK_CREATED", "engine", task.getName(),
                    "task " + task.getName() + " opened", Map.of("taskId", task.getId(),
                            "taskDefinitionKey", task.getTaskDefinitionKey()), "engine"));
            if (task.getEndTime() != null) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("taskId", task.getId());
                data.put("durationMs", task.getDurationInMillis());
                data.put("outcome", task.getDeleteReason());
                entries.add(new HistoryEntry(task.getEndTime().toInstant(), "TASK_ENDED",
                        task.getAssignee() == null ? "engine" : task.getAssignee(), task.getName(),
                        "task " + task.getName() + " " + task.getDeleteReason(), data, "engine"));
            }
        }
    }

    private void taskOperations(String instance, List<HistoryEntry> entries) {
        for (UserOperationLogEntry op : history.createUserOperationLogQuery().processInstanceId(instance).list()) {
            if (!TASK_OPERATIONS.contains(op.getOperationType()) || op.getTaskId() == null) {
                continue;
            }
            // one log row per changed property; the assignee row names the task's new holder
            if (op.getProperty() != null && !op.getProperty().equals("assignee")
                    && !op.getOperationType().equals(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)) {
                continue;
            }
            String kind = "TASK_" + op.getOperationType().toUpperCase();
            entries.add(new HistoryEntry(op.getTimestamp().toInstant(), kind, op.getUserId(), op.getTaskId(),
                    op.getUserId() + " " + op.getOperationType().toLowerCase() + "ed the task",
                    Map.of("taskId", op.getTaskId()), "engine"));
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
                outputs.put(output.getVariableName(), output.getValue());
            }
            entries.add(new HistoryEntry(decision.getEvaluationTime().toInstant(), "DECISION", "engine",
                    decision.getDecisionDefinitionName(), "decided " + outputs + " from " + inputs,
                    Map.of("inputs", inputs, "outputs", outputs), "engine"));
        }
    }

    private void events(String instance, String process, List<HistoryEntry> entries) {
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).list()) {
            String type = activity.getActivityType();
            String name = activity.getActivityName() == null ? activity.getActivityId() : activity.getActivityName();
            if (ERROR_EVENTS.contains(type)) {
                entries.add(new HistoryEntry(activity.getStartTime().toInstant(), "BPMN_ERROR", "engine", name,
                        name + " (" + process + ")", Map.of("activityId", activity.getActivityId()), "engine"));
            } else if (MESSAGE_EVENTS.contains(type) && activity.getEndTime() != null) {
                entries.add(new HistoryEntry(activity.getEndTime().toInstant(), "MESSAGE", "engine", name,
                        name + " (" + process + ")", Map.of("activityId", activity.getActivityId()), "engine"));
            }
        }
    }

    private void incidents(String instance, List<HistoryEntry> entries) {
        for (HistoricIncident incident : history.createHistoricIncidentQuery().processInstanceId(instance).list()) {
            entries.add(new HistoryEntry(incident.getCreateTime().toInstant(), "INCIDENT", "engine",
                    incident.getActivityId(), incident.getIncidentMessage(),
                    Map.of("type", incident.getIncidentType()), "engine"));
            if (incident.getEndTime() != null) {
                entries.add(new HistoryEntry(incident.getEndTime().toInstant(),
                        incident.isResolved() ? "INCIDENT_RESOLVED" : "INCIDENT_DELETED", "engine",
                        incident.getActivityId(), incident.getIncidentMessage(), Map.of(), "engine"));
            }
        }
    }

    private void externalTasks(String instance, List<HistoryEntry> entries) {
        for (HistoricExternalTaskLog log : history.createHistoricExternalTaskLogQuery().processInstanceId(instance)
                .list()) {
            if (log.isSuccessLog()) {
                entries.add(new HistoryEntry(log.getTimestamp().toInstant(), "WORK_DONE", log.getWorkerId(),
                        log.getTopicName(), log.getTopicName() + " done by " + log.getWorkerId(), Map.of(),
                        "engine"));
            } else if (log.isFailureLog()) {
                entries.add(new HistoryEntry(log.getTimestamp().toInstant(), "WORK_FAILED", log.getWorkerId(),
                        log.getTopicName(), log.getErrorMessage(), Map.of("retries",
                                log.getRetries() == null ? 0 : log.getRetries()), "engine"));
            }
        }
    }
}
