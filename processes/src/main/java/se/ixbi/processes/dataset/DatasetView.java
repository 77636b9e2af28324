package se.ixbi.processes.dataset;

import java.util.List;

import java.time.Instant;

public record DatasetView(String id, Modality modality, DataLevel level, String uri, String sha256, long sizeBytes,
        String specimenBarcode, String producedBy, String softwareVersion, Instant createdAt, DatasetStatus status,
        String statusReason, List<TransformView> transforms) {

    /**
     * A registration from this dataset into another: {@code matrix} is the row-major 4×4 affine (JSON) mapping this
     * dataset's physical space (z, y, x, µm) into the target's, {@code errorUm} the precision the worker measured.
     */
    public record TransformView(String id, String targetDatasetId, String method, String matrix, Double errorUm,
            Instant createdAt) {
    }
}
