package se.ixbi.processes.dataset;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;
import se.ixbi.processes.specimen.Specimen;
import se.ixbi.processes.specimen.SpecimenRegistry;
import se.ixbi.processes.workflow.Correlations;

/**
 * Raw data arriving from the beamline or a lab. The dataset is recorded and the waiting process told, in one
 * transaction: a case that is not waiting for this modality refuses the upload and keeps no record of it.
 */
@Service
public class DatasetUploads {

    private final DatasetRepository datasets;
    private final TransformRepository transforms;
    private final SpecimenRegistry specimens;
    private final Cases cases;
    private final Correlations correlations;
    private final AuditTrail audit;
    private final Clock clock;

    DatasetUploads(DatasetRepository datasets, TransformRepository transforms, SpecimenRegistry specimens, Cases cases,
            Correlations correlations, AuditTrail audit, Clock clock) {
        this.datasets = datasets;
        this.transforms = transforms;
        this.specimens = specimens;
        this.cases = cases;
        this.correlations = correlations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public DatasetView rawDataUploaded(String caseId, RawUpload upload, String actor) {
        cases.requireActive(caseId);
        if (upload.modality().uploadMessage() == null) {
            throw new IxbiException(ErrorCode.INVALID_REQUEST,
                    upload.modality() + " data is produced by analysis, not uploaded");
        }
        Specimen specimen = specimens.require(upload.specimenBarcode());
        if (!specimen.getCaseId().equals(caseId)) {
            throw new IxbiException(ErrorCode.INVALID_SPECIMEN,
                    "Specimen " + upload.specimenBarcode() + " belongs to another case");
        }
        if (upload.modality() == Modality.VEM || upload.modality() == Modality.OMICS) {
            requireFromScannedCore(caseId, specimen, upload.modality());
        }
        if (datasets.existsByUri(upload.uri())) {
            throw new IxbiException(ErrorCode.DUPLICATE_DATASET, "A dataset at " + upload.uri() + " is already registered");
        }
        Dataset dataset = datasets.save(new Dataset(UUID.randomUUID().toString(), caseId, specimen.getId(),
                upload.modality(), DataLevel.RAW, upload.uri(), upload.sha256(), upload.sizeBytes(), "upload:" + actor,
                null, null, Instant.now(clock)));
        dataset.awaitVerification();
        audit.record(actor, "RAW_DATA_UPLOADED", caseId, dataset.describeWithChecksum());
        Modality m = upload.modality();
        correlations.correlate(caseId, m.uploadMessage(), Map.of(
                m.variable("RawDatasetId"), dataset.getId(),
                m.variable("RawUri"), dataset.getUri(),
                m.variable("RawSha256"), dataset.getSha256(),
                m.variable("RawSizeBytes"), dataset.getSizeBytes()));
        return view(dataset, specimen.getBarcode());
    }

    /**
     * A block or section is registered into the case's X-ray volume, so it must have been cut from the core that
     * was scanned: one from another core of the case would be placed in the wrong tissue, however well it matched.
     */
    private void requireFromScannedCore(String caseId, Specimen specimen, Modality modality) {
        Long scanned = datasets.findByCaseIdOrderByCreatedAt(caseId).stream()
                .filter(d -> d.getModality() == Modality.XRAY && d.getLevel() == DataLevel.RAW
                        && d.getStatus() == DatasetStatus.CURRENT)
                .reduce((first, later) -> later)
                .map(Dataset::getSpecimenId)
                .orElse(null);
        if (scanned == null) {
            return;
        }
        Specimen core = specimen;
        while (core.getParent() != null) {
            core = core.getParent();
        }
        if (!core.getId().equals(scanned)) {
            String scannedBarcode = specimens.ofCase(caseId).stream().filter(s -> s.getId().equals(scanned))
                    .map(Specimen::getBarcode).findFirst().orElse("?");
            throw new IxbiException(ErrorCode.INVALID_SPECIMEN, modality.label() + " data of " + specimen.getBarcode()
                    + " cannot be registered into case " + caseId + "'s X-ray volume: " + specimen.getBarcode()
                    + " comes from core " + core.getBarcode() + ", the volume is of core " + scannedBarcode
                    + ". Nothing was stored or computed");
        }
    }

    @Transactional(readOnly = true)
    public DatasetView dataset(String caseId, String datasetId) {
        Dataset d = datasets.findById(datasetId).filter(found -> found.getCaseId().equals(caseId))
                .orElseThrow(() -> new IxbiException(ErrorCode.DATASET_NOT_FOUND, "Case " + caseId + " has no dataset "
                        + datasetId));
        String barcode = d.getSpecimenId() == null ? null : specimens.ofCase(caseId).stream()
                .filter(s -> s.getId().equals(d.getSpecimenId())).map(Specimen::getBarcode).findFirst().orElse(null);
        return view(d, barcode, transformsFrom(List.of(d)).getOrDefault(d.getId(), List.of()));
    }

    @Transactional
    public List<DatasetView> ofCase(String caseId, Map<Long, String> barcodesById) {
        List<Dataset> found = datasets.findByCaseIdOrderByCreatedAt(caseId);
        Map<String, List<DatasetView.TransformView>> bySource = transformsFrom(found);
        return found.stream()
                .map(d -> view(d, barcodesById.get(d.getSpecimenId()), bySource.getOrDefault(d.getId(), List.of())))
                .toList();
    }

    private Map<String, List<DatasetView.TransformView>> transformsFrom(List<Dataset> sources) {
        Map<String, List<DatasetView.TransformView>> bySource = new HashMap<>();
        for (Transform t : transforms.findBySourceDatasetIdIn(sources.stream().map(Dataset::getId).toList())) {
            bySource.computeIfAbsent(t.getSourceDatasetId(), k -> new ArrayList<>()).add(
                    new DatasetView.TransformView(t.getId(), t.getTargetDatasetId(), t.getMethod(), t.getMatrix(),
                            t.getErrorUm(), t.getCreatedAt()));
        }
        return bySource;
    }

    private static DatasetView view(Dataset d, String barcode) {
        return view(d, barcode, List.of());
    }

    private static DatasetView view(Dataset d, String barcode, List<DatasetView.TransformView> transforms) {
        return new DatasetView(d.getId(), d.getModality(), d.getLevel(), d.getUri(), d.getSha256(), d.getSizeBytes(),
                barcode, d.getProducedBy(), d.getSoftwareVersion(), d.getCreatedAt(), d.getStatus(), d.getStatusReason(),
                transforms);
    }

    public record RawUpload(Modality modality, String specimenBarcode, String uri, String sha256, long sizeBytes) {
    }
}
