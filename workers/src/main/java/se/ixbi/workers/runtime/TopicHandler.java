package se.ixbi.workers.runtime;

import java.util.Map;

/**
 * The work behind one external-task topic. Returns the process variables to complete the task with; throws
 * {@link BusinessFailure} for an outcome the model catches (a BPMN error), anything else for a technical failure
 * that is retried with back-off and ends in an incident. Handlers are idempotent: a task delivered twice writes the
 * same objects under the same keys.
 */
public interface TopicHandler {

    String topic();

    Map<String, Object> handle(WorkItem item) throws Exception;
}
