package se.ixbi.processes.casefile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.board.SlaState;
import se.ixbi.processes.cases.Case;
import se.ixbi.processes.cases.CaseDetails;
import se.ixbi.processes.cases.CaseQueries;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.catalogue.UseCase;
import se.ixbi.processes.custody.CustodyEventView;
import se.ixbi.processes.custody.CustodyLog;
import se.ixbi.processes.dataset.DataLevel;
import se.ixbi.processes.dataset.DatasetView;
import se.ixbi.processes.history.CaseHistory;
import se.ixbi.processes.history.HistoryEntry;
import se.ixbi.processes.specimen.Specimen;
import se.ixbi.processes.specimen.SpecimenRegistry;
import se.ixbi.processes.specimen.SpecimenView;

/** One case as its page shows it: where it stands, consent, specimens with custody, datasets, and its history. */
@Service
public class CaseFile {

    private final Cases cases;
    private final CaseQueries queries;
    private final CaseHistory history;
    private final SpecimenRegistry specimens;
    private final CustodyLog custody;
    private final ServiceCatalogue catalogue;
    private final TaskService tasks;
    private final HistoryService engineHistory;
    private final Clock clock;

    CaseFile(Cases cases, CaseQueries queries, CaseHistory history, SpecimenRegistry specimens, CustodyLog custody,
            ServiceCatalogue catalogue, TaskService tasks, HistoryService engineHistory, Clock clock) {
        this.cases = cases;
        this.queries = queries;
        this.history = history;
        this.specimens = specimens;
        this.custody = custody;
        this.catalogue = catalogue;
        this.tasks = tasks;
        this.engineHistory = engineHistory;
        this.clock = clock;
    }

    /** A specimen at its depth in the tree (core 0, block 1, section 2...), with its chain of custody. */
    public record SpecimenNode(SpecimenView specimen, int depth, List<CustodyEventView> custody) {
    }

    /**
     * @param target the stage's target for the case's use case, or null
     * @param datasets by level, in pipeline order
     */
    public record View(CaseDetails details, String useCaseName, Instant stageEnteredAt, Duration inStage,
            Duration target, SlaState sla, List<SpecimenNode> specimens, Map<DataLevel, List<DatasetView>> datasets,
            List<HistoryEntry> timeline) {
    }

    /** The case's page; reading its history is recorded as every read of it is. */
    @Transactional
    public View read(String caseId, String reader) {
        CaseDetails details = queries.details(caseId);
        Case c = cases.require(caseId);
        Duration inStage = Duration.between(c.getStageEnteredAt(), clock.instant());
        Duration target = c.isActive() ? catalogue.target(c.getUseCase(), c.getStage()).orElse(null) : null;
        Map<DataLevel, List<DatasetView>> datasets = new EnumMap<>(DataLevel.class);
        details.datasets().forEach(d -> datasets.computeIfAbsent(d.level(), l -> new ArrayList<>()).add(d));
        return new View(details, catalogue.useCase(c.getUseCase()).map(UseCase::name).orElse(c.getUseCase()),
                c.getStageEnteredAt(), inStage, target, c.isActive() ? SlaState.of(inStage, target) : null,
                tree(caseId), datasets, history.read(caseId, reader, "page"));
    }

    private List<SpecimenNode> tree(String caseId) {
        var all = specimens.ofCase(caseId);
        Map<String, List<Specimen>> children = all.stream()
                .filter(s -> s.getParent() != null)
                .collect(Collectors.groupingBy(s -> s.getParent().getBarcode()));
        List<SpecimenNode> nodes = new ArrayList<>();
        all.stream().filter(s -> s.getParent() == null)
                .sorted(Comparator.comparing(Specimen::getBarcode))
                .forEach(root -> walk(root, 0, children, nodes));
        return nodes;
    }

    private void walk(Specimen s, int depth,
            Map<String, List<Specimen>> children, List<SpecimenNode> nodes) {
        nodes.add(new SpecimenNode(SpecimenView.of(s), depth, custody.chainOf(s.getId())));
        children.getOrDefault(s.getBarcode(), List.of()).stream()
                .sorted(Comparator.comparing(Specimen::getBarcode))
                .forEach(child -> walk(child, depth + 1, children, nodes));
    }

    /**
     * Whether a clinician may open the case: they have a task in it (for one of their groups, or their own), or
     * completed one for it.
     */
    public boolean clinicianTakesPart(String caseId, String user, List<String> groups) {
        if (tasks.createTaskQuery().processInstanceBusinessKey(caseId).taskAssignee(user).count() > 0
                || !groups.isEmpty() && tasks.createTaskQuery().processInstanceBusinessKey(caseId)
                        .taskCandidateGroupIn(groups).includeAssignedTasks().count() > 0) {
            return true;
        }
        return engineHistory.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list().stream()
                .anyMatch(p -> engineHistory.createUserOperationLogQuery().processInstanceId(p.getId())
                        .userId(user).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count() > 0);
    }
}
