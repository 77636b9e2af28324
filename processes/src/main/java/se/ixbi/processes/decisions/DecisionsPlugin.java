package se.ixbi.processes.decisions;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decisions kept as they were made, in the engine rather than in the models, so that no model can leave one out and
 * Tasklist, Cockpit and {@code /engine-rest} are held alike:
 * <ul>
 * <li>every people's task that decides something ({@link HumanDecisions}) gets two listeners when its model is
 * deployed: one keeps the evidence when the task opens, one records the decision when it completes;</li>
 * <li>no variable a decision rests on is changed afterwards ({@link VariableChangeGuard}).</li>
 * </ul>
 */
@Component
class DecisionsPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<DecisionRecorder> recorder;

    DecisionsPlugin(ObjectProvider<DecisionRecorder> recorder) {
        this.recorder = recorder;
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
                HumanDecisions.of(activity.getId()).ifPresent(decision -> {
                    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior())
                            .getTaskDefinition();
                    String form = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
                    task.addTaskListener(TaskListener.EVENTNAME_CREATE,
                            t -> recorder.getObject().opened(t, decision));
                    task.addTaskListener(TaskListener.EVENTNAME_COMPLETE,
                            t -> recorder.getObject().completed(t, decision, form));
                });
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(new VariableChangeGuard());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
}
