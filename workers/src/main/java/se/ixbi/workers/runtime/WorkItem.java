package se.ixbi.workers.runtime;

import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One fetched task as a handler sees it: its case, its variables, and a way to report progress. */
public final class WorkItem {

    /** Process variables the worker keeps current while a task runs; {@code GET /api/cases/{id}} shows them. */
    public static final String PROGRESS_TOPIC = "workProgressTopic";
    public static final String PROGRESS_PERCENT = "workProgressPercent";
    public static final String PROGRESS_STEP = "workProgressStep";

    private static final Logger log = LoggerFactory.getLogger(WorkItem.class);

    private final ExternalTask task;
    private final ExternalTaskService service;
    private final long progressIntervalMillis;
    private final Clock clock;
    private final java.util.function.BooleanSupplier cancelled;
    private long lastReport = Long.MIN_VALUE;
    private String lastStep;

    WorkItem(ExternalTask task, ExternalTaskService service, long progressIntervalMillis, Clock clock,
            java.util.function.BooleanSupplier cancelled) {
        this.task = task;
        this.service = service;
        this.progressIntervalMillis = progressIntervalMillis;
        this.clock = clock;
        this.cancelled = cancelled;
    }

    public String id() {
        return task.getId();
    }

    public String topic() {
        return task.getTopicName();
    }

    /** The case id: every IXBI process instance carries it as business key. */
    public String caseId() {
        String caseId = task.getBusinessKey();
        if (caseId == null || caseId.isBlank()) {
            throw new PermanentFailure("task " + task.getId() + " has no business key (case id)");
        }
        return caseId;
    }

    /** A variable the topic contract promises; its absence is a modelling error, reported as such. */
    public String requireString(String name) {
        Object value = task.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new PermanentFailure("task " + topic() + " needs process variable " + name);
        }
        return value.toString();
    }

    public String string(String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }

    public Double number(String name) {
        Object value = task.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new PermanentFailure("process variable " + name + " is not a number: " + value);
        }
    }

    public Map<String, Object> variables() {
        return task.getAllVariables();
    }

    /**
     * Reports how far the task is. Reports closer together than the configured interval are dropped, except the
     * first of each step; a failed report is logged and the work goes on. Throws {@link
     * java.util.concurrent.CancellationException} once the task is no longer this worker's, so that long work
     * stops there.
     */
    public void progress(int percent, String step) {
        if (cancelled.getAsBoolean()) {
            // the engine took the task away (lock lost, case withdrawn): the handler stops at its next report
            throw new java.util.concurrent.CancellationException("task " + id() + " (" + topic()
                    + ") is no longer this worker's");
        }
        long now = clock.millis();
        if (step.equals(lastStep) && now - lastReport < progressIntervalMillis && percent < 100) {
            return;
        }
        lastReport = now;
        lastStep = step;
        try {
            service.setVariables(task, Map.of(PROGRESS_TOPIC, topic(), PROGRESS_PERCENT, percent, PROGRESS_STEP, step));
        } catch (RuntimeException e) {
            log.warn("progress of task {} ({}) not reported: {}", id(), topic(), e.getMessage());
        }
    }

    ExternalTask task() {
        return task;
    }
}
