package se.ixbi.processes.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.workflow.FormRefusal;
import se.ixbi.processes.workflow.ProcessConstants;
import se.ixbi.processes.workflow.TaskActor;

/**
 * Stores what the clinician entered in the consent form and tells the case process whether to go on. Runs in the
 * transaction that completes the form, so an invalid consent is refused with the form still open.
 */
@Component("registerConsent")
class RegisterConsentDelegate implements JavaDelegate {

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
    private static final Pattern STAFF_ID = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

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
        Consent consent = new Consent(caseId, decision, scopes,
                matching(execution, "consentVersion", "Consent form version", VERSION,
                        "a form version such as 2.1 or 2.1.3"),
                matching(execution, "consentObtainedBy", "Obtained by", STAFF_ID,
                        "the staff user id of who obtained it (2-32 lower-case letters, digits, '.', '_' or '-'),"
                                + " not a name"),
                signedOn(execution.getVariable("consentSignedOn")), Instant.now(clock));
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
        throw invalid("Decision (consentDecision) must be 'granted' or 'declined', was " + value);
    }

    private static boolean flag(DelegateExecution execution, String name) {
        return Boolean.TRUE.equals(execution.getVariable(name));
    }

    /** The form's own rule, held here too: a task completed over {@code /engine-rest} never saw the form. */
    private static String matching(DelegateExecution execution, String name, String label, Pattern rule,
            String what) {
        Object v = execution.getVariable(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw invalid(label + " (" + name + ") is required: " + what);
        }
        if (!rule.matcher(s.strip()).matches()) {
            throw invalid(label + " (" + name + ") must be " + what + ", not '" + s.strip() + "'");
        }
        return s.strip();
    }

    private LocalDate signedOn(Object value) {
        if (!(value instanceof String s)) {
            throw invalid("Signed on (consentSignedOn) is required: the date the patient signed");
        }
        LocalDate date;
        try {
            // form-js sends ISO dates; a date-time carries the date first
            date = LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw invalid("Signed on (consentSignedOn) is not a date such as 2026-12-01: " + s);
        }
        // today anywhere on Earth is at most today at UTC+14: a date after that has not come yet for anybody
        if (date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.ofHours(14))))) {
            throw invalid("Signed on (consentSignedOn) " + date + " is in the future: a consent is recorded once signed");
        }
        return date;
    }

    private static RuntimeException invalid(String message) {
        return FormRefusal.of(ErrorCode.CONSENT_INVALID, message);
    }
}
