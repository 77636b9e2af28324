package se.ixbi.processes.workflow;

import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;

/** Delivers a message to the case that waits for it; a case that does not wait is the caller's error (409). */
@Component
public class Correlations {

    private final RuntimeService runtime;

    Correlations(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Whether any process of the case has a subscription for the message right now. */
    public boolean isWaiting(String caseId, String message) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list().stream()
                .anyMatch(p -> runtime.createEventSubscriptionQuery().processInstanceId(p.getId()).eventType("message")
                        .eventName(message).count() > 0);
    }

    public void correlate(String caseId, String message, Map<String, Object> variables) {
        try {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(caseId)
                    .setVariables(variables)
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw new IxbiException(ErrorCode.NOT_WAITING,
                    "Case " + caseId + " is not waiting for " + message + " at this stage");
        }
    }
}
