package se.ixbi.processes.workflow;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** A finished instance, seen through history, so that assertions such as {@code isEnded()} apply to it too. */
record EndedInstance(HistoricProcessInstance history) implements ProcessInstance {

    @Override
    public String getProcessDefinitionId() {
        return history.getProcessDefinitionId();
    }

    @Override
    public String getProcessDefinitionKey() {
        return history.getProcessDefinitionKey();
    }

    @Override
    public String getBusinessKey() {
        return history.getBusinessKey();
    }

    @Override
    public String getRootProcessInstanceId() {
        return history.getRootProcessInstanceId();
    }

    @Override
    public String getCaseInstanceId() {
        return null;
    }

    @Override
    public boolean isSuspended() {
        return false;
    }

    @Override
    public String getId() {
        return history.getId();
    }

    @Override
    public boolean isEnded() {
        return true;
    }

    @Override
    public String getProcessInstanceId() {
        return history.getId();
    }

    @Override
    public String getTenantId() {
        return history.getTenantId();
    }
}
