package se.ixbi.processes.workflow;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * What a worker reports while it holds a task: per cent and step, in variables of the task's process instance
 * (the worker nodes set them through engine-rest).
 */
public record WorkProgress(Integer percent, String step) {

    public static final WorkProgress NONE = new WorkProgress(null, null);

    /** Every process instance's reported progress variables, by instance id: one query. */
    public static Map<String, Map<String, Object>> reportedByInstance(RuntimeService runtime) {
        Map<String, Map<String, Object>> reported = new HashMap<>();
        for (VariableInstance v : runtime.createVariableInstanceQuery()
                .variableNameIn(ProcessConstants.VAR_WORK_PROGRESS_TOPIC, ProcessConstants.VAR_WORK_PROGRESS_PERCENT,
                        ProcessConstants.VAR_WORK_PROGRESS_STEP).list()) {
            reported.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        }
        return reported;
    }

    /** The progress of a task of this topic; a report left by another topic's task in the instance is not it. */
    public static WorkProgress of(String topic, Map<String, Object> reported) {
        if (!topic.equals(reported.get(ProcessConstants.VAR_WORK_PROGRESS_TOPIC))) {
            return NONE;
        }
        Object step = reported.get(ProcessConstants.VAR_WORK_PROGRESS_STEP);
        return new WorkProgress(reported.get(ProcessConstants.VAR_WORK_PROGRESS_PERCENT) instanceof Number n
                ? n.intValue() : null, step == null ? null : step.toString());
    }
}
