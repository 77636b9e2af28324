package se.ixbi.processes.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import se.ixbi.processes.cases.Case;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.catalogue.UseCase;
import se.ixbi.processes.workflow.ActivityNames;
import se.ixbi.processes.workflow.ProcessConstants;
import se.ixbi.processes.workflow.WorkProgress;

/**
 * Every active case with what it waits for and how long it has been in its stage against the catalogue's target.
 * A fixed number of queries, each over all cases at once (by business key and process instance, never instance by
 * instance), so the board stays fast with thousands of cases.
 */
@Service
public class PipelineBoard {

    /** The groups whose tasks people do, with how the board names them. */
    private static final Map<String, String> PEOPLE = Map.of("coordinator", "coordinators", "clinician",
            "clinicians", "operator", "operators");

    private final Cases cases;
    private final ServiceCatalogue catalogue;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ExternalTaskService externalTasks;
    private final ActivityNames names;
    private final Clock clock;

    PipelineBoard(Cases cases, ServiceCatalogue catalogue, RuntimeService runtime, TaskService tasks,
            ExternalTaskService externalTasks, ActivityNames names, Clock clock) {
        this.cases = cases;
        this.catalogue = catalogue;
        this.runtime = runtime;
        this.tasks = tasks;
        this.externalTasks = externalTasks;
        this.names = names;
        this.clock = clock;
    }

    public List<BoardRow> rows(BoardFilter filter) {
        Instant now = clock.instant();
        Engine engine = new Engine();
        List<BoardRow> rows = new ArrayList<>();
        for (Case c : cases.active()) {
            BoardRow row = row(c, engine, now);
            if (filter.admits(row)) {
                rows.add(row);
            }
        }
        rows.sort(BoardFilter.BY_CASE.equals(filter.sort())
                ? Comparator.comparing(BoardRow::caseId).reversed()
                : Comparator.comparing(BoardRow::inStage).reversed());
        return rows;
    }

    private BoardRow row(Case c, Engine engine, Instant now) {
        List<BoardRow.Wait> waits = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (Task t : engine.tasks.getOrDefault(c.getId(), List.of())) {
            steps.add(t.getName());
            waits.add(new BoardRow.Wait("task", t.getAssignee() != null ? "task for " + t.getAssignee()
                    : "task for " + engine.groupOf.getOrDefault(t.getId(), "a person"), null));
        }
        for (ExternalTask t : engine.work.getOrDefault(c.getId(), List.of())) {
            steps.add(names.of(t.getProcessDefinitionId(), t.getActivityId()));
            waits.add(engine.workerWait(t));
        }
        for (EventSubscription s : engine.messages.getOrDefault(c.getId(), List.of())) {
            String name = names.of(engine.definitionOf.get(s.getProcessInstanceId()), s.getActivityId());
            steps.add(name);
            waits.add(new BoardRow.Wait("message", name, null));
        }
        Duration inStage = Duration.between(c.getStageEnteredAt(), now);
        Duration target = catalogue.target(c.getUseCase(), c.getStage()).orElse(null);
        return new BoardRow(c.getId(), c.getUseCase(), catalogue.useCase(c.getUseCase()).map(UseCase::name)
                .orElse(c.getUseCase()), c.getStage(), steps.isEmpty() ? null : String.join(", ", steps), waits,
                c.getStageEnteredAt(), inStage, target, SlaState.of(inStage, target),
                engine.incidents.getOrDefault(c.getId(), List.of()));
    }

    /** What the engine holds for all cases at once, keyed by case (business key). */
    private final class Engine {

        final Map<String, String> caseOf = new HashMap<>();
        final Map<String, String> definitionOf = new HashMap<>();
        final Map<String, List<Task>> tasks = new HashMap<>();
        final Map<String, String> groupOf = new HashMap<>();
        final Map<String, List<ExternalTask>> work = new HashMap<>();
        final Map<String, Map<String, Object>> progress = new HashMap<>();
        final Map<String, List<EventSubscription>> messages = new HashMap<>();
        final Map<String, List<String>> incidents = new HashMap<>();

        Engine() {
            for (ProcessInstance p : runtime.createProcessInstanceQuery().list()) {
                caseOf.put(p.getId(), p.getBusinessKey());
                definitionOf.put(p.getId(), p.getProcessDefinitionId());
            }
            for (Task t : PipelineBoard.this.tasks.createTaskQuery().orderByTaskCreateTime().asc().list()) {
                add(tasks, t.getProcessInstanceId(), t);
            }
            PEOPLE.forEach((group, label) -> PipelineBoard.this.tasks.createTaskQuery().taskCandidateGroup(group)
                    .includeAssignedTasks().list().forEach(t -> groupOf.put(t.getId(), label)));
            for (ExternalTask t : externalTasks.createExternalTaskQuery().list()) {
                add(work, t.getProcessInstanceId(), t);
            }
            progress.putAll(WorkProgress.reportedByInstance(runtime));
            for (EventSubscription s : runtime.createEventSubscriptionQuery().eventType("message").list()) {
                // the withdrawal subscription is always open; it is not what the case waits for
                if (!ProcessConstants.MSG_CONSENT_WITHDRAWN.equals(s.getEventName())) {
                    add(messages, s.getProcessInstanceId(), s);
                }
            }
            Set<String> seen = new HashSet<>();
            for (Incident i : runtime.createIncidentQuery().list()) {
                // a failing task in a called process also raises an incident on each calling activity
                if (i.getId().equals(i.getRootCauseIncidentId()) && seen.add(i.getId())) {
                    add(incidents, i.getProcessInstanceId(), i.getIncidentMessage() == null ? i.getIncidentType()
                            : i.getIncidentMessage());
                }
            }
        }

        private <T> void add(Map<String, List<T>> byCase, String processInstanceId, T item) {
            String caseId = caseOf.get(processInstanceId);
            if (caseId != null) {
                byCase.computeIfAbsent(caseId, k -> new ArrayList<>()).add(item);
            }
        }

        BoardRow.Wait workerWait(ExternalTask t) {
            boolean held = t.getLockExpirationTime() != null && t.getLockExpirationTime().after(Date.from(
                    clock.instant()));
            if (!held) {
                return new BoardRow.Wait("worker", (t.getRetries() != null && t.getRetries() == 0 ? "failed: "
                        : "queued for a worker: ") + t.getTopicName(), null);
            }
            WorkProgress reported = WorkProgress.of(t.getTopicName(),
                    progress.getOrDefault(t.getProcessInstanceId(), Map.of()));
            return new BoardRow.Wait("worker", t.getTopicName() + " on " + t.getWorkerId()
                    + (reported.step() != null ? " (" + reported.step() + ")" : ""), reported.percent());
        }
    }
}
