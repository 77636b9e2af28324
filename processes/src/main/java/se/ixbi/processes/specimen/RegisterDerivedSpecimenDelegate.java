package se.ixbi.processes.specimen;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.ixbi.processes.errors.IxbiException;
import se.ixbi.processes.workflow.FormRefusal;
import se.ixbi.processes.workflow.TaskActor;

/**
 * Registers a block or section prepared in the lab. The model says which, through the input parameters
 * {@code specimenType}, {@code barcode} and {@code parentBarcode}.
 */
@Component("registerDerivedSpecimen")
class RegisterDerivedSpecimenDelegate implements JavaDelegate {

    private final SpecimenRegistry registry;

    RegisterDerivedSpecimenDelegate(SpecimenRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            registry.registerDerived(execution.getProcessBusinessKey(),
                    SpecimenType.valueOf((String) execution.getVariableLocal("specimenType")),
                    (String) execution.getVariableLocal("barcode"),
                    (String) execution.getVariableLocal("parentBarcode"),
                    null, TaskActor.of(execution));
        } catch (IxbiException e) {
            throw FormRefusal.of(e.code(), e.getMessage());
        }
    }
}
