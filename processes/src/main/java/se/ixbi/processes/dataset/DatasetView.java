package se.ixbi.processes.dataset;

import java.time.Instant;

public record DatasetView(String id, Modality modality, DataLevel level, String uri, String sha256, long sizeBytes,
        String specimenBarcode, String producedBy, String softwareVersion, Instant createdAt, DatasetStatus status) {
}
