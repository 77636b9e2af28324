package se.ixbi.processes.tasklist;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import se.ixbi.processes.cases.KnownUseCases;
import se.ixbi.processes.workflow.ProcessConstants;

/**
 * Every task card in Tasklist names its case and use case, for every role. Tasklist reads a card's variables with
 * the rights of the person looking, and a clinician may read the task offered to them but not the case's process:
 * so each task keeps its own copy, made when it opens, for the shared filters to show ({@link #CARD_VARIABLES}).
 */
@Component
class TaskCardsPlugin extends AbstractProcessEnginePlugin {

    public static final String CASE_ID = "caseId";
    public static final String USE_CASE_NAME = "useCaseName";

    /** The variables the shared filters show on a card, with their labels. */
    public static final List<String[]> CARD_VARIABLES = List.of(new String[] {CASE_ID, "Case"},
            new String[] {USE_CASE_NAME, "Use case"});

    private final ObjectProvider<KnownUseCases> useCases;

    TaskCardsPlugin(ObjectProvider<KnownUseCases> useCases) {
        this.useCases = useCases;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_CREATE, TaskCardsPlugin.this::label);
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    private void label(DelegateTask task) {
        Object caseId = task.getVariable(CASE_ID);
        String key = caseId != null ? caseId.toString() : task.getExecution().getProcessBusinessKey();
        if (key != null) {
            task.setVariableLocal(CASE_ID, key);
        }
        Object useCase = task.getVariable(ProcessConstants.VAR_USE_CASE);
        if (useCase != null) {
            task.setVariableLocal(USE_CASE_NAME, useCases.getObject().name(useCase.toString()));
        }
    }
}
