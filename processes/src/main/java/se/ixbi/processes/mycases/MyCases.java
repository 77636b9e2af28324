package se.ixbi.processes.mycases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import se.ixbi.processes.cases.Case;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.catalogue.UseCase;

/**
 * A clinician's cases: those with a task for them (for one of their groups, or their own) and those they completed
 * a task for. A fixed number of queries, whatever the number of cases.
 */
@Service
public class MyCases {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final Cases cases;
    private final ServiceCatalogue catalogue;

    MyCases(TaskService tasks, RuntimeService runtime, HistoryService history, Cases cases,
            ServiceCatalogue catalogue) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.cases = cases;
        this.catalogue = catalogue;
    }

    /** A task waiting for the person, to open in Tasklist. */
    public record OpenTask(String id, String name, String assignee, java.util.Date created) {
    }

    /** One of the person's cases, with what waits for them in it. */
    public record MyCase(String caseId, String useCaseName, Case record, List<OpenTask> openTasks) {
    }

    public List<MyCase> of(String user, List<String> groups) {
        List<Task> theirs = new ArrayList<>(tasks.createTaskQuery().taskAssignee(user).list());
        if (!groups.isEmpty()) {
            theirs.addAll(tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().list());
        }
        Map<String, String> caseOf = new HashMap<>();
        Set<String> instances = theirs.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (!instances.isEmpty()) {
            for (ProcessInstance p : runtime.createProcessInstanceQuery().processInstanceIds(instances).list()) {
                caseOf.put(p.getId(), p.getBusinessKey());
            }
        }
        Map<String, List<OpenTask>> open = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Task t : theirs) {
            String caseId = caseOf.get(t.getProcessInstanceId());
            if (caseId != null && seen.add(t.getId())) {
                open.computeIfAbsent(caseId, k -> new ArrayList<>())
                        .add(new OpenTask(t.getId(), t.getName(), t.getAssignee(), t.getCreateTime()));
            }
        }
        Set<String> caseIds = new LinkedHashSet<>(open.keySet());
        Set<String> completedIn = new java.util.HashSet<>();
        history.createUserOperationLogQuery().userId(user)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()
                .forEach(e -> completedIn.add(e.getProcessInstanceId()));
        if (!completedIn.isEmpty()) {
            for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery()
                    .processInstanceIds(completedIn).list()) {
                if (p.getBusinessKey() != null) {
                    caseIds.add(p.getBusinessKey());
                }
            }
        }
        return cases.byIds(caseIds).stream()
                .sorted(Comparator.comparing(Case::getCreatedAt).reversed())
                .map(c -> new MyCase(c.getId(), catalogue.useCase(c.getUseCase()).map(UseCase::name)
                        .orElse(c.getUseCase()), c, open.getOrDefault(c.getId(), List.of())))
                .toList();
    }

    /**
     * Whether the case is one of the person's: they have a task in it (for one of their groups, or their own), or
     * completed one for it. The same rule as {@link #of}, asked of one case.
     */
    public boolean takesPart(String caseId, String user, List<String> groups) {
        if (tasks.createTaskQuery().processInstanceBusinessKey(caseId).taskAssignee(user).count() > 0
                || !groups.isEmpty() && tasks.createTaskQuery().processInstanceBusinessKey(caseId)
                        .taskCandidateGroupIn(groups).includeAssignedTasks().count() > 0) {
            return true;
        }
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list().stream()
                .anyMatch(p -> history.createUserOperationLogQuery().processInstanceId(p.getId())
                        .userId(user).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count() > 0);
    }
}
