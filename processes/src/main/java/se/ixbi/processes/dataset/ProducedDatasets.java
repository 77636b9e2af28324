package se.ixbi.processes.dataset;

import java.time.Clock;
import java.time.Instant;
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

    private static String required(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("the worker completed " + execution.getCurrentActivityId() + " without "
                    + name + " (docs/topics.md)");
        }
        return value.toString();
    }
}
