package se.ixbi.processes.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.workflow.ProcessConstants;
import se.ixbi.processes.workflow.TaskActor;

/**
 * Stores what the clinician entered in the consent form and tells the case process whether to go on. Runs in the
 * transaction that completes the form, so an invalid consent is refused with the form still open.
 */
@Component("registerConsent")
class RegisterConsentDelegate implements JavaDelegate {

    private final ConsentRepository consents;
    private final AuditTrail audit;
    private final Clock clock;

    RegisterConsentDelegate(ConsentRepository consents, AuditTrail audit, Clock clock) {
        this.consents = consents;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = execution.getProcessBusinessKey();
        ConsentDecision decision = decision(execution.getVariable("consentDecision"));
        boolean granted = decision == ConsentDecision.GRANTED;
        ConsentScopes scopes = granted
                ? new ConsentScopes(flag(execution, "scopeXray"), flag(execution, "scopeVem"),
                        flag(execution, "scopeOmics"), flag(execution, "scopeDataSharing"),
                        flag(execution, "scopeFutureResearch"))
                : new ConsentScopes(false, false, false, false, false);
        if (granted && !scopes.xray()) {
            throw invalid("consent without the X-ray imaging scope cannot start the IXBI pipeline; "
                    + "record it as declined instead");
        }
        if (consents.findByCaseId(caseId).isPresent()) {
            throw invalid("case " + caseId + " already has a recorded consent");
        }
        Consent consent = new Consent(caseId, decision, scopes, text(execution, "consentVersion"),
                text(execution, "consentObtainedBy"), date(execution.getVariable("consentSignedOn")),
                Instant.now(clock));
        consents.save(consent);

        execution.setVariable(ProcessConstants.VAR_CONSENT_GRANTED, granted);
        execution.setVariable("scopeXray", scopes.xray());
        execution.setVariable("scopeVem", scopes.vem());
        execution.setVariable("scopeOmics", scopes.omics());
        execution.setVariable("scopeDataSharing", scopes.dataSharing());
        execution.setVariable("scopeFutureResearch", scopes.futureResearch());
        audit.record(TaskActor.of(execution), "CONSENT_RECORDED", caseId,
                "consent " + decision.name().toLowerCase() + " on form version " + consent.getFormVersion()
                        + "; scopes: " + scopes.described());
    }

    private static ConsentDecision decision(Object value) {
        if ("granted".equals(value)) {
            return ConsentDecision.GRANTED;
        }
        if ("declined".equals(value)) {
            return ConsentDecision.DECLINED;
        }
        throw invalid("consentDecision must be 'granted' or 'declined', was " + value);
    }

    private static boolean flag(DelegateExecution execution, String name) {
        return Boolean.TRUE.equals(execution.getVariable(name));
    }

    private static String text(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw invalid(name + " is required");
        }
        return s.strip();
    }

    private static LocalDate date(Object value) {
        if (value instanceof String s) {
            try {
                // form-js sends ISO dates; a date-time carries the date first
                return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            } catch (DateTimeParseException e) {
                throw invalid("consentSignedOn is not an ISO date: " + s);
            }
        }
        throw invalid("consentSignedOn is required");
    }

    private static BadUserRequestException invalid(String message) {
        return new BadUserRequestException(ErrorCode.CONSENT_INVALID + ": " + message);
    }
}
