package se.ixbi.processes.cases;

import java.time.Clock;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import se.ixbi.processes.audit.AuditTrail;

/**
 * Keeps the case record in step with the process: the models call it from execution listeners
 * ({@code ${caseLifecycle.enterStage(execution, 'XRAY')}}), in the engine's own transaction.
 */
@Component("caseLifecycle")
public class CaseLifecycle {

    private static final String ENGINE = "engine";

    private final Cases cases;
    private final AuditTrail audit;
    private final Clock clock;

    CaseLifecycle(Cases cases, AuditTrail audit, Clock clock) {
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    public void enterStage(DelegateExecution execution, String stage) {
        Case c = cases.require(execution.getProcessBusinessKey());
        CaseStage entered = CaseStage.valueOf(stage);
        if (c.enter(entered, Instant.now(clock))) {
            audit.record(ENGINE, "STAGE_ENTERED", c.getId(), "entered " + entered.label());
        }
    }

    public void close(DelegateExecution execution, String status) {
        Case c = cases.require(execution.getProcessBusinessKey());
        c.close(CaseStatus.valueOf(status), Instant.now(clock));
        audit.record(ENGINE, "CASE_CLOSED", c.getId(), "closed: " + status.toLowerCase().replace('_', ' '));
    }
}
