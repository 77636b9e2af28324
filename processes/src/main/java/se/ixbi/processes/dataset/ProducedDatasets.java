package se.ixbi.processes.dataset;

import java.time.Clock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.ixbi.processes.audit.AuditTrail;

/**
 * Datasets that workers produce, recorded when their task completes: in the engine's transaction, so a dataset
 * exists exactly when the process moved past the task that made it. Workers derive dataset ids from their inputs;
 * a task that is completed again after a takeover names the same id and records nothing new.
 */
@Component("producedDatasets")
public class ProducedDatasets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetRepository datasets;
    private final TransformRepository transforms;
    private final DatasetPictureRepository pictures;
    private final AuditTrail audit;
    private final Clock clock;

    ProducedDatasets(DatasetRepository datasets, TransformRepository transforms, DatasetPictureRepository pictures,
            AuditTrail audit, Clock clock) {
        this.datasets = datasets;
        this.transforms = transforms;
        this.pictures = pictures;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * On leaving "Align FIB-SEM stack": the aligned block that {@code vem.align} wrote, against the raw stack's
     * specimen.
     */
    @Transactional
    public void vemAligned(DelegateExecution execution) {
        derived(execution, Modality.VEM, DataLevel.RECONSTRUCTED, "vem.align", "vemAligned", "vemAlignmentSoftware",
                null, "vemRawDatasetId");
    }

    /**
     * On leaving "Register vEM to X-ray": the affine that places the aligned block (µm) in the X-ray volume (µm),
     * with the precision the worker measured.
     */
    @Transactional
    public void vemRegistered(DelegateExecution execution) {
        Object mode = execution.getVariable("vemRegistrationMode");
        transform(execution, "registration.vem-to-xray", "registration.vem-to-xray " + (mode == null ? "rigid" : mode)
                + " MI", "vemTransform",
                "vemAlignedDatasetId", "vemRegistrationErrorUm");
    }

    /** On leaving "Ingest spatial omics data": the QC'd, normalised cells and their section image. */
    @Transactional
    public void omicsIngested(DelegateExecution execution) {
        derived(execution, Modality.OMICS, DataLevel.RECONSTRUCTED, "omics.ingest", "omics", "omicsSoftware", null,
                "omicsRawDatasetId");
    }

    /** On leaving "Register section to X-ray": the section's plane in the X-ray volume (its warp in the JSON). */
    @Transactional
    public void omicsRegistered(DelegateExecution execution) {
        transform(execution, "registration.omics-to-xray", "registration.omics-to-xray section pose + B-spline MI",
                "omicsTransform", "omicsDatasetId", "omicsRegistrationErrorUm");
    }

    /** On the way back from a vEM "Bad upload": the refused stack stays on record, refused. */
    @Transactional
    public void vemRefused(DelegateExecution execution) {
        refuse(execution, "vemRawDatasetId");
    }

    /** On "re-acquire" after a rejected vEM registration: the stack and its aligned block are superseded. */
    @Transactional
    public void vemSuperseded(DelegateExecution execution) {
        retire(execution, DatasetStatus.SUPERSEDED, "the registration was rejected; a new block replaces it",
                "vemRawDatasetId", "vemAlignedDatasetId");
    }

    /** On the way back from an omics "Bad upload": the refused table stays on record, refused. */
    @Transactional
    public void omicsRefused(DelegateExecution execution) {
        refuse(execution, "omicsRawDatasetId");
    }

    /** On "re-acquire" after a rejected omics registration: the table and its ingested cells are superseded. */
    @Transactional
    public void omicsSuperseded(DelegateExecution execution) {
        retire(execution, DatasetStatus.SUPERSEDED, "the registration was rejected; a new section replaces it",
                "omicsRawDatasetId", "omicsDatasetId");
    }

    /**
     * A dataset a worker derived from a raw upload, from its variables {@code <prefix>DatasetId}, {@code Uri},
     * {@code Sha256}, {@code SizeBytes} (and software and parameters where the worker reports them) and the
     * pictures in {@code <prefix>Pictures}; recorded against the raw upload's specimen, once.
     */
    private void derived(DelegateExecution execution, Modality modality, DataLevel level, String producedBy,
            String prefix, String softwareVariable, String parametersVariable, String rawIdVariable) {
        String id = required(execution, prefix + "DatasetId");
        if (datasets.existsById(id)) {
            return;
        }
        String caseId = execution.getProcessInstance().getBusinessKey();
        Object rawId = execution.getVariable(rawIdVariable);
        Optional<Dataset> raw = rawId == null ? Optional.empty() : datasets.findById(rawId.toString());
        // the worker that derived a dataset from the upload has read it through: the upload is verified
        raw.ifPresent(Dataset::verified);
        Long specimenId = raw.map(Dataset::getSpecimenId).orElse(null);
        Object size = execution.getVariable(prefix + "SizeBytes");
        Dataset dataset = datasets.save(new Dataset(id, caseId, specimenId, modality, level,
                required(execution, prefix + "Uri"), required(execution, prefix + "Sha256"),
                size instanceof Number n ? n.longValue() : 0L, producedBy,
                (String) execution.getVariable(softwareVariable),
                parametersVariable == null ? null : (String) execution.getVariable(parametersVariable),
                Instant.now(clock)));
        audit.record(producedBy, "DATASET_PRODUCED", caseId, dataset.describeWithChecksum());
        pictures(execution, prefix + "Pictures", caseId, id, null);
    }

    /**
     * A registration into the case's X-ray volume, from {@code <prefix>Id} and {@code <prefix>Affine}, with the
     * pictures of the placed dataset over the volume in {@code <prefix>Pictures}; once.
     */
    private void transform(DelegateExecution execution, String topic, String method, String prefix,
            String sourceVariable, String errorVariable) {
        String id = required(execution, prefix + "Id");
        if (transforms.existsById(id)) {
            return;
        }
        String caseId = execution.getProcessInstance().getBusinessKey();
        Object error = execution.getVariable(errorVariable);
        Transform transform = transforms.save(new Transform(id, required(execution, sourceVariable),
                required(execution, "reconstructedDatasetId"), method, required(execution, prefix + "Affine"),
                error instanceof Number n ? n.doubleValue() : null, Instant.now(clock)));
        audit.record(topic, "TRANSFORM_PRODUCED", caseId, placed(transform));
        pictures(execution, prefix + "Pictures", caseId, transform.getSourceDatasetId(), id);
    }

    /**
     * The pictures a worker stored beside what it produced (docs/topics.md: a JSON array of name, caption, uri,
     * sha256, sizeBytes). None is fine; a malformed list is the worker's fault and stops the task with an incident.
     */
    private void pictures(DelegateExecution execution, String variable, String caseId, String datasetId,
            String transformId) {
        Object value = execution.getVariable(variable);
        if (value == null) {
            return;
        }
        for (PictureNotice notice : PictureNotice.parse(variable, value.toString())) {
            String id = UUID.nameUUIDFromBytes((datasetId + "|" + transformId + "|" + notice.name())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            if (!pictures.existsById(id)) {
                pictures.save(new DatasetPicture(id, caseId, datasetId, transformId, notice.name(), notice.caption(),
                        notice.uri(), notice.sha256(), notice.sizeBytes(), Instant.now(clock)));
            }
        }
    }

    /** On leaving "Reconstruct volume": the volume that {@code xray.reconstruct} wrote. */
    @Transactional
    public void reconstructed(DelegateExecution execution) {
        derived(execution, Modality.XRAY, DataLevel.RECONSTRUCTED, "xray.reconstruct", "reconstructed",
                "reconstructionSoftware", "reconstructionParameters", "xrayRawDatasetId");
    }

    /**
     * On leaving "Cross-scale AI analysis": the findings {@code analysis.fusion} wrote, against the X-ray scan's
     * specimen. A rerun after the reviewer sent the findings back supersedes the earlier findings; a rerun that gives
     * the same findings (same inputs and settings, same id) keeps them current.
     */
    @Transactional
    public void fused(DelegateExecution execution) {
        derived(execution, Modality.FUSION, DataLevel.ANALYSED, "analysis.fusion", "fusion", "fusionSoftware", null,
                "xrayRawDatasetId");
        String id = required(execution, "fusionDatasetId");
        String caseId = execution.getProcessInstance().getBusinessKey();
        datasets.findByCaseIdOrderByCreatedAt(caseId).stream()
                .filter(d -> d.getModality() == Modality.FUSION && d.getStatus() == DatasetStatus.CURRENT
                        && !d.getId().equals(id))
                .forEach(d -> {
                    d.retire(DatasetStatus.SUPERSEDED, "findings of a later analysis run replace these");
                    audit.record("engine", "DATASET_SUPERSEDED", caseId, d.describe());
                });
    }

    /** On leaving "Verify raw data": the scan is complete and readable, so it counts. */
    @Transactional
    public void xrayVerified(DelegateExecution execution) {
        Object id = execution.getVariable("xrayRawDatasetId");
        if (id != null) {
            datasets.findById(id.toString()).ifPresent(Dataset::verified);
        }
    }

    /** On the way back from "Bad upload": the refused raw scan stays on record, refused. */
    @Transactional
    public void refused(DelegateExecution execution) {
        refuse(execution, "xrayRawDatasetId");
    }

    /** On "rescan" after failed QC: the scan and its volume stay on record, superseded by the next scan. */
    @Transactional
    public void superseded(DelegateExecution execution) {
        retire(execution, DatasetStatus.SUPERSEDED, "quality control failed and a rescan replaces it",
                "xrayRawDatasetId", "reconstructedDatasetId");
    }

    /**
     * Before "Publish data product": the URIs of the case's current datasets, as a JSON array in
     * {@code publishedDatasetUris}, so that refused uploads and superseded scans stay out of the product.
     */
    @Transactional
    public void forPublication(DelegateExecution execution) {
        String caseId = execution.getProcessInstance().getBusinessKey();
        List<String> uris = datasets.findByCaseIdOrderByCreatedAt(caseId).stream()
                .filter(d -> d.getStatus() == DatasetStatus.CURRENT)
                .map(Dataset::getUri)
                .toList();
        try {
            execution.setVariable("publishedDatasetUris", JSON.writeValueAsString(uris));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The upload the worker refused stays on record, refused, with the worker's reason ({@code badUploadReason}); its
     * URI goes into {@code refusedUploadUri} for the operator's task.
     */
    private void refuse(DelegateExecution execution, String idVariable) {
        Object reason = execution.getVariable("badUploadReason");
        for (Dataset d : retire(execution, DatasetStatus.REFUSED, reason == null ? null : reason.toString(),
                idVariable)) {
            execution.setVariable("refusedUploadUri", d.getUri());
        }
    }

    private List<Dataset> retire(DelegateExecution execution, DatasetStatus status, String reason,
            String... idVariables) {
        String caseId = execution.getProcessInstance().getBusinessKey();
        List<Dataset> retired = new ArrayList<>();
        for (String variable : idVariables) {
            Object id = execution.getVariable(variable);
            if (id == null) {
                continue;
            }
            datasets.findById(id.toString()).filter(Dataset::isLive).ifPresent(d -> {
                d.retire(status, reason);
                retired.add(d);
                audit.record("engine", "DATASET_" + status, caseId, d.describe()
                        + (reason == null ? "" : ": " + reason));
            });
        }
        return retired;
    }

    /** "Volume EM aligned dataset at … placed in X-ray reconstructed dataset at …, registration error 0.077 µm". */
    private String placed(Transform transform) {
        String source = datasets.findById(transform.getSourceDatasetId()).map(Dataset::describe)
                .orElse("dataset " + transform.getSourceDatasetId());
        String target = datasets.findById(transform.getTargetDatasetId()).map(Dataset::describe)
                .orElse("dataset " + transform.getTargetDatasetId());
        return source + " placed in " + target + (transform.getErrorUm() == null ? ""
                : String.format(Locale.ROOT, ", registration error %.3f µm", transform.getErrorUm()));
    }

    private static String required(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("the worker completed " + execution.getCurrentActivityId() + " without "
                    + name + " (docs/topics.md)");
        }
        return value.toString();
    }
}
