package se.ixbi.processes.dataset;

import java.time.Clock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
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
    private final AuditTrail audit;
    private final Clock clock;

    ProducedDatasets(DatasetRepository datasets, AuditTrail audit, Clock clock) {
        this.datasets = datasets;
        this.audit = audit;
        this.clock = clock;
    }

    /** On leaving "Reconstruct volume": the volume that {@code xray.reconstruct} wrote. */
    @Transactional
    public void reconstructed(DelegateExecution execution) {
        String id = required(execution, "reconstructedDatasetId");
        if (datasets.existsById(id)) {
            return;
        }
        String caseId = execution.getProcessInstance().getBusinessKey();
        Object rawId = execution.getVariable("xrayRawDatasetId");
        Long specimenId = rawId == null ? null
                : datasets.findById(rawId.toString()).map(Dataset::getSpecimenId).orElse(null);
        Object size = execution.getVariable("reconstructedSizeBytes");
        Dataset dataset = datasets.save(new Dataset(id, caseId, specimenId, Modality.XRAY, DataLevel.RECONSTRUCTED,
                required(execution, "reconstructedUri"), required(execution, "reconstructedSha256"),
                size instanceof Number n ? n.longValue() : 0L, "xray.reconstruct",
                (String) execution.getVariable("reconstructionSoftware"),
                (String) execution.getVariable("reconstructionParameters"), Instant.now(clock)));
        audit.record("xray.reconstruct", "DATASET_PRODUCED", caseId, "XRAY RECONSTRUCTED " + dataset.getUri()
                + " sha256 " + dataset.getSha256());
    }

    /** On the way back from "Bad upload": the refused raw scan stays on record, refused. */
    @Transactional
    public void refused(DelegateExecution execution) {
        retire(execution, DatasetStatus.REFUSED, "xrayRawDatasetId");
    }

    /** On "rescan" after failed QC: the scan and its volume stay on record, superseded by the next scan. */
    @Transactional
    public void superseded(DelegateExecution execution) {
        retire(execution, DatasetStatus.SUPERSEDED, "xrayRawDatasetId", "reconstructedDatasetId");
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

    private void retire(DelegateExecution execution, DatasetStatus status, String... idVariables) {
        String caseId = execution.getProcessInstance().getBusinessKey();
        for (String variable : idVariables) {
            Object id = execution.getVariable(variable);
            if (id == null) {
                continue;
            }
            datasets.findById(id.toString()).filter(d -> d.getStatus() == DatasetStatus.CURRENT).ifPresent(d -> {
                d.retire(status);
                audit.record("engine", "DATASET_" + status, caseId, d.getModality() + " " + d.getLevel() + " "
                        + d.getUri());
            });
        }
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
