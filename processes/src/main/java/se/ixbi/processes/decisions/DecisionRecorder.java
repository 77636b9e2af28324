package se.ixbi.processes.decisions;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.audit.AuditTrail;

/**
 * Records a person's decision when its task completes, in the same transaction: who, the form's answers as the form
 * labels them, and the evidence as it stood when the task opened (kept then in the task's own variable
 * {@code decisionEvidence}, which the engine's history keeps too).
 */
@Component
class DecisionRecorder {

    static final String EVIDENCE = "decisionEvidence";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_VALUE = 240;

    private final AuditTrail audit;

    DecisionRecorder(AuditTrail audit) {
        this.audit = audit;
    }

    void opened(DelegateTask task, HumanDecision decision) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        decision.evidence().keySet().forEach(name -> evidence.put(name, plain(task.getVariable(name))));
        try {
            task.setVariableLocal(EVIDENCE, JSON.writeValueAsString(evidence));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep the evidence of " + task.getName() + ": " + e.getMessage(), e);
        }
    }

    void completed(DelegateTask task, HumanDecision decision, String formId) {
        StringJoiner answers = new StringJoiner("; ");
        if (formId != null && !formId.isBlank()) {
            FormFields.of(formId).forEach((name, label) -> {
                Object value = task.getVariable(name);
                if (value != null && !value.toString().isBlank()) {
                    answers.add(label + ": " + shown(value));
                }
            });
        }
        StringJoiner evidence = new StringJoiner("; ");
        Map<String, Object> kept = kept(task);
        decision.evidence().forEach((name, label) -> {
            Object value = kept.containsKey(name) ? kept.get(name) : plain(task.getVariable(name));
            if (value != null && !value.toString().isBlank()) {
                evidence.add(label + " " + shown(value));
            }
        });
        String detail = task.getName() + ". " + (answers.length() == 0 ? "No answers." : answers + ".")
                + (evidence.length() == 0 ? "" : " On: " + evidence + ".");
        audit.record(actor(task), decision.action(), task.getExecution().getProcessBusinessKey(), detail);
    }

    private static Map<String, Object> kept(DelegateTask task) {
        Object json = task.getVariableLocal(EVIDENCE);
        if (json == null) {
            // a task opened before decisions were recorded: the evidence as it stands now
            return Map.of();
        }
        try {
            return JSON.readValue(json.toString(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the evidence kept for " + task.getName() + " is not JSON", e);
        }
    }

    /** Who completed the task: the signed-in person, else whom it was assigned to. */
    private static String actor(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "engine";
    }

    private static Object plain(Object value) {
        return value instanceof Date d ? d.toInstant().toString() : value;
    }

    private static String shown(Object value) {
        Object plain = plain(value);
        String text = plain instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? String.valueOf(d.longValue())
                : plain instanceof Double d && Double.isFinite(d)
                        ? new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString()
                : plain.toString();
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE - 1) + "…" : text;
    }
}
