package se.ixbi.processes.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;
import se.ixbi.processes.workflow.ProcessConstants;

/** Registers a case and starts its process in one transaction: both exist, or neither. */
@Service
public class CaseRegistrar {

    private final CaseRepository repository;
    private final CaseNumbers numbers;
    private final RuntimeService runtime;
    private final AuditTrail audit;
    private final CaseProperties properties;
    private final KnownUseCases useCases;
    private final Clock clock;

    CaseRegistrar(CaseRepository repository, CaseNumbers numbers, RuntimeService runtime, AuditTrail audit,
            CaseProperties properties, KnownUseCases useCases, Clock clock) {
        this.useCases = useCases;
        this.repository = repository;
        this.numbers = numbers;
        this.runtime = runtime;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Case register(CaseRegistration registration, String actor) {
        PatientIdentifierGuard.requireNone("pseudonym", registration.pseudonym());
        if (!useCases.ids().contains(registration.useCase())) {
            throw new IxbiException(ErrorCode.UNKNOWN_USE_CASE, "No use case " + registration.useCase()
                    + ": a case is registered for one of " + String.join(", ", useCases.ids())
                    + " (the service catalogue, GET /api/services)");
        }
        if (repository.existsByPseudonym(registration.pseudonym())) {
            throw new IxbiException(ErrorCode.DUPLICATE_PSEUDONYM,
                    "A case for pseudonym " + registration.pseudonym() + " already exists");
        }
        double resolution = registration.targetResolutionUm() != null
                ? registration.targetResolutionUm() : properties.defaultTargetResolutionUm();
        Case c = repository.save(new Case(numbers.next(), registration.useCase(), registration.pseudonym(), resolution,
                actor, Instant.now(clock)));
        audit.record(actor, "CASE_REGISTERED", c.getId(), "use case " + c.getUseCase());

        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessConstants.VAR_CASE_ID, c.getId());
        variables.put(ProcessConstants.VAR_USE_CASE, c.getUseCase());
        variables.put(ProcessConstants.VAR_TARGET_RESOLUTION_UM, resolution);
        variables.put(ProcessConstants.VAR_CASE_SLA, CaseProperties.iso(properties.sla()));
        variables.put(ProcessConstants.VAR_CUSTODY_TIMEOUT, CaseProperties.iso(properties.custodyTimeout()));
        // the timers take ISO-8601; the forms say it in words
        variables.put(ProcessConstants.VAR_CASE_SLA + "InWords", CaseProperties.inWords(properties.sla()));
        variables.put(ProcessConstants.VAR_CUSTODY_TIMEOUT + "InWords",
                CaseProperties.inWords(properties.custodyTimeout()));
        ProcessInstance instance = runtime.createProcessInstanceByKey(ProcessConstants.CASE_PROCESS)
                .businessKey(c.getId())
                .setVariables(variables)
                .execute();
        c.started(instance.getId());
        return c;
    }
}
