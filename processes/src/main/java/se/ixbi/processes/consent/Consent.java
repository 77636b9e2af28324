package se.ixbi.processes.consent;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

@Entity
public class Consent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String caseId;
    @Enumerated(EnumType.STRING)
    private ConsentDecision decision;
    private boolean scopeXray;
    private boolean scopeVem;
    private boolean scopeOmics;
    private boolean scopeDataSharing;
    private boolean scopeFutureResearch;
    @Column(name = "consent_version")
    private String formVersion;
    private String obtainedBy;
    private LocalDate signedOn;
    private Instant recordedAt;
    private Instant withdrawnAt;
    private String withdrawalReason;
    @Version
    private long version;

    protected Consent() {
    }

    Consent(String caseId, ConsentDecision decision, ConsentScopes scopes, String formVersion, String obtainedBy,
            LocalDate signedOn, Instant recordedAt) {
        this.caseId = caseId;
        this.decision = decision;
        this.scopeXray = scopes.xray();
        this.scopeVem = scopes.vem();
        this.scopeOmics = scopes.omics();
        this.scopeDataSharing = scopes.dataSharing();
        this.scopeFutureResearch = scopes.futureResearch();
        this.formVersion = formVersion;
        this.obtainedBy = obtainedBy;
        this.signedOn = signedOn;
        this.recordedAt = recordedAt;
    }

    void withdraw(String reason, Instant at) {
        this.withdrawnAt = at;
        this.withdrawalReason = reason;
    }

    public boolean isWithdrawn() {
        return withdrawnAt != null;
    }

    public String getCaseId() {
        return caseId;
    }

    public ConsentDecision getDecision() {
        return decision;
    }

    public ConsentScopes getScopes() {
        return new ConsentScopes(scopeXray, scopeVem, scopeOmics, scopeDataSharing, scopeFutureResearch);
    }

    public String getFormVersion() {
        return formVersion;
    }

    public String getObtainedBy() {
        return obtainedBy;
    }

    public LocalDate getSignedOn() {
        return signedOn;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public Instant getWithdrawnAt() {
        return withdrawnAt;
    }

    public String getWithdrawalReason() {
        return withdrawalReason;
    }
}
