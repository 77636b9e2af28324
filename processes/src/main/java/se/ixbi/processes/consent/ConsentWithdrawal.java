package se.ixbi.processes.consent;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.Case;
import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;
import se.ixbi.processes.workflow.Correlations;
import se.ixbi.processes.workflow.ProcessConstants;

/** The patient may withdraw at any moment: the case process is interrupted and its data quarantined. */
@Service
public class ConsentWithdrawal {

    private final Cases cases;
    private final ConsentRepository consents;
    private final Correlations correlations;
    private final AuditTrail audit;
    private final Clock clock;

    ConsentWithdrawal(Cases cases, ConsentRepository consents, Correlations correlations, AuditTrail audit,
            Clock clock) {
        this.cases = cases;
        this.consents = consents;
        this.correlations = correlations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void withdraw(String caseId, String reason, String actor) {
        Case c = cases.requireActive(caseId);
        if (c.getStage() == CaseStage.WITHDRAWAL) {
            throw new IxbiException(ErrorCode.CASE_CLOSED, "Consent for case " + caseId + " is already withdrawn");
        }
        consents.findByCaseId(caseId).ifPresent(consent -> consent.withdraw(reason, Instant.now(clock)));
        audit.record(actor, "CONSENT_WITHDRAWN", caseId, reason);
        correlations.correlate(caseId, ProcessConstants.MSG_CONSENT_WITHDRAWN, java.util.Map.of());
    }
}
