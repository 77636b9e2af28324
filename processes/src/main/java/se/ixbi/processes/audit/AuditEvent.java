package se.ixbi.processes.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private long seq;
    private Instant occurredAt;
    private String actor;
    private String action;
    private String caseId;
    private String detail;
    private String previousHash;
    @Column(unique = true)
    private String hash;

    protected AuditEvent() {
    }

    AuditEvent(long seq, Instant occurredAt, String actor, String action, String caseId, String detail,
            String previousHash) {
        this.seq = seq;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.caseId = caseId;
        this.detail = detail;
        this.previousHash = previousHash;
        this.hash = computeHash();
    }

    /** SHA-256 over the previous hash and every field, so that changing or removing any row breaks the chain. */
    String computeHash() {
        return ChainHash.of(previousHash, Long.toString(seq), occurredAt.toString(), actor, action,
                caseId == null ? "" : caseId, detail);
    }

    public long getSeq() {
        return seq;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getCaseId() {
        return caseId;
    }

    public String getDetail() {
        return detail;
    }

    public String getPreviousHash() {
        return previousHash;
    }

    public String getHash() {
        return hash;
    }
}
