package se.ixbi.processes.dataset;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A dataset in the object store: where it is, its checksum and size, and how it was produced. */
@Entity
@Table(name = "dataset")
public class Dataset {

    private static final int MAX_REASON = 2000;

    @Id
    private String id;
    private String caseId;
    private Long specimenId;
    @Enumerated(EnumType.STRING)
    private Modality modality;
    @Enumerated(EnumType.STRING)
    private DataLevel level;
    private String uri;
    private String sha256;
    private long sizeBytes;
    private String producedBy;
    private String softwareVersion;
    private String parameters;
    private Instant createdAt;
    @Enumerated(EnumType.STRING)
    private DatasetStatus status = DatasetStatus.CURRENT;
    private String statusReason;

    protected Dataset() {
    }

    Dataset(String id, String caseId, Long specimenId, Modality modality, DataLevel level, String uri, String sha256,
            long sizeBytes, String producedBy, String softwareVersion, String parameters, Instant createdAt) {
        this.id = id;
        this.caseId = caseId;
        this.specimenId = specimenId;
        this.modality = modality;
        this.level = level;
        this.uri = uri;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.producedBy = producedBy;
        this.softwareVersion = softwareVersion;
        this.parameters = parameters;
        this.createdAt = createdAt;
    }

    /** The dataset as the audit trail names it: "X-ray raw dataset at s3://…/scan.h5". */
    public String describe() {
        return modality.label() + " " + level.label(modality).toLowerCase(java.util.Locale.ROOT) + " dataset at "
                + uri;
    }

    /** {@link #describe()} with the checksum that identifies the content: "… (SHA-256 ca42…)". */
    public String describeWithChecksum() {
        return describe() + (sha256 == null ? "" : " (SHA-256 " + sha256 + ")");
    }

    public String getId() {
        return id;
    }

    public String getCaseId() {
        return caseId;
    }

    public Long getSpecimenId() {
        return specimenId;
    }

    public Modality getModality() {
        return modality;
    }

    public DataLevel getLevel() {
        return level;
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

    public String getProducedBy() {
        return producedBy;
    }

    public String getSoftwareVersion() {
        return softwareVersion;
    }

    public String getParameters() {
        return parameters;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public DatasetStatus getStatus() {
        return status;
    }

    /** Why the dataset has its status, where it is not simply current: what the check that refused it found. */
    public String getStatusReason() {
        return statusReason;
    }

    /** Whether it still counts: current, or a raw upload that its worker is still to check. */
    boolean isLive() {
        return status == DatasetStatus.CURRENT || status == DatasetStatus.VERIFYING;
    }

    void awaitVerification() {
        this.status = DatasetStatus.VERIFYING;
    }

    void verified() {
        if (status == DatasetStatus.VERIFYING) {
            this.status = DatasetStatus.CURRENT;
        }
    }

    void retire(DatasetStatus status, String reason) {
        this.status = status;
        this.statusReason = reason == null || reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
