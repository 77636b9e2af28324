package se.ixbi.processes.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "audit_head")
class AuditHead {

    @Id
    private int id;
    private long lastSeq;
    private String lastHash;

    protected AuditHead() {
    }

    long lastSeq() {
        return lastSeq;
    }

    String lastHash() {
        return lastHash;
    }

    void advance(AuditEvent event) {
        this.lastSeq = event.getSeq();
        this.lastHash = event.getHash();
    }
}
