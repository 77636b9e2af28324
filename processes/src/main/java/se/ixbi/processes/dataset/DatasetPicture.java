package se.ixbi.processes.dataset;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A PNG a worker stored beside a dataset for people to look at: a slice through a volume, registered data over the
 * X-ray volume, a figure of the findings. The engine serves it by this record, never by a path a browser names.
 */
@Entity
@Table(name = "dataset_picture")
public class DatasetPicture {

    @Id
    private String id;
    private String caseId;
    private String datasetId;
    private String transformId;
    private String name;
    private String caption;
    private String uri;
    private String sha256;
    private long sizeBytes;
    private Instant createdAt;

    protected DatasetPicture() {
    }

    DatasetPicture(String id, String caseId, String datasetId, String transformId, String name, String caption,
            String uri, String sha256, long sizeBytes, Instant createdAt) {
        this.id = id;
        this.caseId = caseId;
        this.datasetId = datasetId;
        this.transformId = transformId;
        this.name = name;
        this.caption = caption;
        this.uri = uri;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getCaseId() {
        return caseId;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public String getTransformId() {
        return transformId;
    }

    public String getName() {
        return name;
    }

    public String getCaption() {
        return caption;
    }

    public String getUri() {
        return uri;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
