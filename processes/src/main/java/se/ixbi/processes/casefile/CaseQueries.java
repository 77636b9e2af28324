package se.ixbi.processes.casefile;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.cases.Case;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.consent.ConsentRepository;
import se.ixbi.processes.dataset.DatasetUploads;
import se.ixbi.processes.specimen.Specimen;
import se.ixbi.processes.specimen.SpecimenRegistry;
import se.ixbi.processes.specimen.SpecimenView;
import se.ixbi.processes.workflow.ProcessConstants;
import se.ixbi.processes.workflow.WorkProgress;

/** Reads a case together with what its processes wait for: tasks, messages, worker topics and incidents. */
@Service
public class CaseQueries {

    private final Cases cases;
    private final ConsentRepository consents;
    private final SpecimenRegistry specimens;
    private final DatasetUploads datasets;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ExternalTaskService externalTasks;
    private final RepositoryService repositoryService;

    CaseQueries(Cases cases, ConsentRepository consents, SpecimenRegistry specimens,
            DatasetUploads datasets, RuntimeService runtime, TaskService tasks, ExternalTaskService externalTasks,
            RepositoryService repositoryService) {
        this.cases = cases;
        this.consents = consents;
        this.specimens = specimens;
        this.datasets = datasets;
        this.runtime = runtime;
        this.tasks = tasks;
        this.externalTasks = externalTasks;
        this.repositoryService = repositoryService;
    }

    @Transactional(readOnly = true)
    public CaseDetails details(String caseId) {
        Case c = cases.require(caseId);
        List<String> instanceIds = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list()
                .stream().map(ProcessInstance::getId).toList();
        List<Specimen> caseSpecimens = specimens.ofCase(caseId);
        Map<Long, String> barcodes = caseSpecimens.stream()
                .collect(Collectors.toMap(Specimen::getId, Specimen::getBarcode));
        return new CaseDetails(c.getId(), c.getUseCase(), c.getPseudonym(), c.getStatus(), c.getStage(),
                c.getTargetResolutionUm(), c.getProcessInstanceId(), c.getCreatedBy(), c.getCreatedAt(),
                c.getUpdatedAt(), openTasks(caseId), waitingFor(instanceIds), pendingWork(instanceIds),
                incidents(instanceIds),
                consents.findByCaseId(caseId).map(k -> new CaseDetails.ConsentSummary(k.getDecision(), k.getScopes(),
                        k.getFormVersion(), k.getRecordedAt(), k.getWithdrawnAt())).orElse(null),
                caseSpecimens.stream().map(SpecimenView::of).toList(),
                datasets.ofCase(caseId, barcodes));
    }

    private List<CaseDetails.OpenTask> openTasks(String caseId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(caseId).orderByTaskCreateTime().asc().list().stream()
                .map(t -> new CaseDetails.OpenTask(t.getId(), t.getName(), t.getTaskDefinitionKey(), processKey(t),
                        candidateGroups(t), t.getAssignee(), t.getCreateTime()))
                .toList();
    }

    private String processKey(Task t) {
        return repositoryService.getProcessDefinition(t.getProcessDefinitionId()).getKey();
    }

    private List<String> candidateGroups(Task t) {
        List<IdentityLink> links;
        try {
            links = tasks.getIdentityLinksForTask(t.getId());
        } catch (NullValueException completedMeanwhile) {
            // the case goes on while it is read: a task listed a moment ago may be completed by now
            return List.of();
        }
        return links.stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .sorted()
                .toList();
    }

    private List<String> waitingFor(List<String> instanceIds) {
        return instanceIds.stream()
                .flatMap(id -> runtime.createEventSubscriptionQuery().processInstanceId(id).eventType("message")
                        .list().stream())
                .map(s -> s.getEventName())
                // the withdrawal subscription is always open; it is not what the case waits for
                .filter(name -> !ProcessConstants.MSG_CONSENT_WITHDRAWN.equals(name))
                .sorted()
                .toList();
    }

    private List<CaseDetails.PendingWork> pendingWork(List<String> instanceIds) {
        return instanceIds.stream()
                .flatMap(id -> externalTasks.createExternalTaskQuery().processInstanceId(id).list().stream())
                .map(this::pendingWork)
                .toList();
    }

    private CaseDetails.PendingWork pendingWork(ExternalTask t) {
        boolean held = t.getLockExpirationTime() != null && t.getLockExpirationTime().after(new Date());
        WorkProgress progress = WorkProgress.NONE;
        if (held) {
            // a query, not getVariables: the instance may end while the case is read, and then it finds nothing
            Map<String, Object> reported = new HashMap<>();
            runtime.createVariableInstanceQuery().variableScopeIdIn(t.getProcessInstanceId())
                    .variableNameIn(ProcessConstants.VAR_WORK_PROGRESS_TOPIC,
                            ProcessConstants.VAR_WORK_PROGRESS_PERCENT, ProcessConstants.VAR_WORK_PROGRESS_STEP)
                    .list().forEach(v -> reported.put(v.getName(), v.getValue()));
            progress = WorkProgress.of(t.getTopicName(), reported);
        }
        return new CaseDetails.PendingWork(t.getTopicName(), t.getActivityId(), t.getRetries(), t.getErrorMessage(),
                t.getLockExpirationTime(), held ? t.getWorkerId() : null, progress.percent(), progress.step());
    }

    private List<CaseDetails.Incident> incidents(List<String> instanceIds) {
        return instanceIds.stream()
                .flatMap(id -> runtime.createIncidentQuery().processInstanceId(id).list().stream())
                // a failing task in a called process also raises an incident on each calling activity; show the cause
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId()))
                .map(i -> new CaseDetails.Incident(i.getActivityId(), i.getIncidentType(), i.getIncidentMessage(),
                        i.getIncidentTimestamp()))
                .toList();
    }
}
