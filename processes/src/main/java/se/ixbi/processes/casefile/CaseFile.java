package se.ixbi.processes.casefile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.board.SlaState;
import se.ixbi.processes.cases.Case;
import se.ixbi.processes.casefile.CaseDetails;
import se.ixbi.processes.casefile.CaseQueries;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.catalogue.UseCase;
import se.ixbi.processes.specimen.CustodyEventView;
import se.ixbi.processes.specimen.CustodyLog;
import se.ixbi.processes.dataset.DatasetPictures;
import se.ixbi.processes.dataset.DatasetPictures.PictureView;
import se.ixbi.processes.dataset.DatasetStatus;
import se.ixbi.processes.dataset.DatasetView;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;
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
    private final DatasetPictures pictures;
    private final Clock clock;

    CaseFile(Cases cases, CaseQueries queries, CaseHistory history, SpecimenRegistry specimens, CustodyLog custody,
            ServiceCatalogue catalogue, DatasetPictures pictures, Clock clock) {
        this.cases = cases;
        this.queries = queries;
        this.history = history;
        this.specimens = specimens;
        this.custody = custody;
        this.catalogue = catalogue;
        this.pictures = pictures;
        this.clock = clock;
    }

    /** A specimen at its depth in the tree (core 0, block 1, section 2...), with its chain of custody. */
    public record SpecimenNode(SpecimenView specimen, int depth, List<CustodyEventView> custody) {
    }

    /** The pictures of one dataset, or of one registration of it onto the X-ray volume. */
    public record PictureGroup(String heading, String datasetId, List<PictureView> pictures) {
    }

    /**
     * @param target the stage's target for the case's use case, or null
     * @param datasets datasets and registrations by level, in pipeline order
     * @param quarantined consent was withdrawn: the page shows no pictures and the server serves none
     * @param pictures in the order they were made; empty when quarantined
     */
    public record View(CaseDetails details, String useCaseName, Instant stageEnteredAt, Duration inStage,
            Duration target, SlaState sla, List<SpecimenNode> specimens, List<DatasetRows.Row> datasets,
            boolean quarantined, List<PictureGroup> pictures, List<HistoryEntry> timeline) {
    }

    /** The case's page; reading its history is recorded as every read of it is. */
    @Transactional
    public View read(String caseId, String reader) {
        CaseDetails details = queries.details(caseId);
        Case c = cases.require(caseId);
        Duration inStage = Duration.between(c.getStageEnteredAt(), clock.instant());
        Duration target = c.isActive() ? catalogue.target(c.getUseCase(), c.getStage()).orElse(null) : null;
        return new View(details, catalogue.useCase(c.getUseCase()).map(UseCase::name).orElse(c.getUseCase()),
                c.getStageEnteredAt(), inStage, target, c.isActive() ? SlaState.of(inStage, target) : null,
                tree(caseId), DatasetRows.of(details.datasets()), c.isQuarantined(),
                c.isQuarantined() ? List.of() : pictureGroups(caseId, details.datasets()),
                history.read(caseId, reader, "page"));
    }

    /** The case's picture, unless its data is quarantined; empty when it has no such picture. */
    @Transactional(readOnly = true)
    public Optional<byte[]> picture(String caseId, String pictureId) {
        if (cases.require(caseId).isQuarantined()) {
            throw new IxbiException(ErrorCode.FORBIDDEN, "Consent for case " + caseId
                    + " was withdrawn: its data is quarantined and its pictures are not shown");
        }
        return pictures.png(caseId, pictureId);
    }

    private List<PictureGroup> pictureGroups(String caseId, List<DatasetView> datasets) {
        Map<String, DatasetView> byId = datasets.stream().collect(Collectors.toMap(DatasetView::id, d -> d));
        Map<String, List<PictureView>> grouped = new LinkedHashMap<>();
        for (PictureView p : pictures.ofCase(caseId)) {
            grouped.computeIfAbsent(p.datasetId() + "|" + p.transformId(), k -> new ArrayList<>()).add(p);
        }
        return grouped.values().stream()
                .map(group -> {
                    PictureView first = group.get(0);
                    DatasetView d = byId.get(first.datasetId());
                    return new PictureGroup(heading(d, first.transformId() != null), first.datasetId(), group);
                })
                .toList();
    }

    private static String heading(DatasetView d, boolean registered) {
        String what = switch (d.modality()) {
            case XRAY -> "X-ray volume";
            case VEM -> "Volume EM block";
            case OMICS -> "Spatial omics section";
            case FUSION -> "Findings";
        };
        String status = d.status() == DatasetStatus.CURRENT ? "" : " (" + d.status().name().toLowerCase() + ")";
        return (registered ? what + " registered on the X-ray volume" : what) + status;
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
}
