package se.ixbi.processes.dataset;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * Maps one dataset's physical coordinates into another's: a 3x4 affine matrix (row-major, micrometres) and the
 * registration error at control points.
 */
@Entity
public class Transform {

    @Id
    private String id;
    private String sourceDatasetId;
    private String targetDatasetId;
    private String method;
    private String matrix;
    private Double errorUm;
    private Instant createdAt;

    protected Transform() {
    }

    Transform(String id, String sourceDatasetId, String targetDatasetId, String method, String matrix, Double errorUm,
            Instant createdAt) {
        this.id = id;
        this.sourceDatasetId = sourceDatasetId;
        this.targetDatasetId = targetDatasetId;
        this.method = method;
        this.matrix = matrix;
        this.errorUm = errorUm;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getSourceDatasetId() {
        return sourceDatasetId;
    }

    public String getTargetDatasetId() {
        return targetDatasetId;
    }

    public String getMethod() {
        return method;
    }

    public String getMatrix() {
        return matrix;
    }

    public Double getErrorUm() {
        return errorUm;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
