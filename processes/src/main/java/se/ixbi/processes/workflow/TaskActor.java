package se.ixbi.processes.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who caused the engine to run this code: the user completing a task, or the engine itself (timers, jobs). */
public final class TaskActor {

    private TaskActor() {
    }

    public static String of(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null && auth.getUserId() != null ? auth.getUserId() : "engine";
    }
}
