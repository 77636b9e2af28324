package se.ixbi.processes.cases;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One patient biopsy followed from organ scale to nanoscale. Knows the patient only by pseudonym. */
@Entity
@Table(name = "ixbi_case")
public class Case {

    @Id
    private String id;
    private String useCase;
    private String pseudonym;
    @Enumerated(EnumType.STRING)
    private CaseStatus status;
    @Enumerated(EnumType.STRING)
    private CaseStage stage;
    private double targetResolutionUm;
    private String processInstanceId;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant stageEnteredAt;
    @Version
    private long version;

    protected Case() {
    }

    Case(String id, String useCase, String pseudonym, double targetResolutionUm, String createdBy, Instant now) {
        this.id = id;
        this.useCase = useCase;
        this.pseudonym = pseudonym;
        this.targetResolutionUm = targetResolutionUm;
        this.createdBy = createdBy;
        this.status = CaseStatus.ACTIVE;
        this.stage = CaseStage.REGISTERED;
        this.createdAt = now;
        this.updatedAt = now;
        this.stageEnteredAt = now;
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    /** @return whether the stage changed */
    boolean enter(CaseStage next, Instant now) {
        if (stage == next) {
            return false;
        }
        stage = next;
        updatedAt = now;
        stageEnteredAt = now;
        return true;
    }

    void close(CaseStatus outcome, Instant now) {
        status = outcome;
        stage = CaseStage.CLOSED;
        updatedAt = now;
        stageEnteredAt = now;
    }

    public boolean isActive() {
        return status == CaseStatus.ACTIVE;
    }

    /** Consent was withdrawn: from that moment its data is quarantined, whether or not the worker has listed it. */
    public boolean isQuarantined() {
        return status == CaseStatus.WITHDRAWN || stage == CaseStage.WITHDRAWAL;
    }

    public String getId() {
        return id;
    }

    public String getUseCase() {
        return useCase;
    }

    public String getPseudonym() {
        return pseudonym;
    }

    public CaseStatus getStatus() {
        return status;
    }

    public CaseStage getStage() {
        return stage;
    }

    public double getTargetResolutionUm() {
        return targetResolutionUm;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** When the case entered the stage it is in: the start of the board's SLA clock. */
    public Instant getStageEnteredAt() {
        return stageEnteredAt;
    }
}
