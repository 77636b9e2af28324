package se.ixbi.processes.workflow;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Spreads the acquisition-plan decision into flat process variables (energy, pixel size, distances, ...) that
 * forms, gateways and the reconstruction worker read, instead of one serialized map.
 */
@Component("storeAcquisitionPlan")
class StoreAcquisitionPlanListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        Object result = execution.getVariable(ProcessConstants.VAR_ACQUISITION_PLAN);
        if (!(result instanceof Map<?, ?> plan)) {
            throw new IllegalStateException("Decision acquisition-plan matched no rule");
        }
        plan.forEach((name, value) -> execution.setVariable((String) name, value));
        execution.removeVariable(ProcessConstants.VAR_ACQUISITION_PLAN);
        if (!Boolean.TRUE.equals(plan.get(ProcessConstants.VAR_WITHIN_DOSE_ENVELOPE))) {
            execution.setVariable(ProcessConstants.VAR_WITHIN_DOSE_ENVELOPE, false);
        }
    }
}
