package se.ixbi.fhirbridge.tasks;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.fhir.FhirRefusedException;

/**
 * One shape for every {@code fhir.*} topic: write, then complete; a refusal is the BPMN error the models catch;
 * any other failure is retried with doubling back-off and ends in an incident carrying the server's message.
 */
@Component
class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    private static final int MAX_MESSAGE = 1000;

    private final ExternalTaskClient client;
    private final List<ClinicalRecordTask> tasks;
    private final TaskProperties properties;
    private final Semaphore slots;
    private final ExecutorService pool;

    TaskRunner(ExternalTaskClient client, List<ClinicalRecordTask> tasks, TaskProperties properties) {
        this.client = client;
        this.tasks = tasks;
        this.properties = properties;
        this.slots = new Semaphore(properties.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.concurrency(),
                r -> new Thread(r, "fhir-task-" + threads.incrementAndGet()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        for (ClinicalRecordTask task : tasks) {
            client.subscribe(task.topic())
                    .lockDuration(properties.lockDuration().toMillis())
                    .handler((fetched, service) -> dispatch(task, fetched, service))
                    .open();
        }
        log.info("subscribed to {}", tasks.stream().map(ClinicalRecordTask::topic).toList());
    }

    /**
     * Runs the task on the pool; the fetch thread waits for a free slot first, so that the bridge locks no more
     * tasks than it is writing (a slow server holds the others back in the engine, not in a queue here).
     */
    private void dispatch(ClinicalRecordTask work, ExternalTask task, ExternalTaskService service) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    run(work, task, service);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
        }
    }

    /** A stopping bridge takes no new task; one being written finishes, or its lock runs out and it comes again. */
    @PreDestroy
    void stop() throws InterruptedException {
        client.stop();
        pool.shutdown();
        pool.awaitTermination(properties.lockDuration().toMillis(), TimeUnit.MILLISECONDS);
    }

    void run(ClinicalRecordTask work, ExternalTask task, ExternalTaskService service) {
        MDC.put("caseId", task.getBusinessKey());
        try {
            Map<String, Object> outputs = work.write(TaskInput.of(task));
            service.complete(task, outputs);
            log.info("{} for case {} written", task.getTopicName(), task.getBusinessKey());
        } catch (FhirRefusedException e) {
            String message = shorten(e.getMessage());
            log.warn("{} for case {}: {}: {}", task.getTopicName(), task.getBusinessKey(), FhirRefusedException.CODE,
                    message);
            service.handleBpmnError(task, FhirRefusedException.CODE, message, Map.of("fhirRefusal", message));
        } catch (RuntimeException e) {
            fail(task, service, e);
        } finally {
            MDC.remove("caseId");
        }
    }

    private void fail(ExternalTask task, ExternalTaskService service, RuntimeException e) {
        int remaining = task.getRetries() == null ? properties.retries() : Math.max(0, task.getRetries() - 1);
        int failures = properties.retries() + 1 - remaining;
        Duration backoff = remaining == 0 ? Duration.ZERO : properties.backoffAfter(failures);
        String message = shorten(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (remaining == 0) {
            log.error("{} for case {} failed for the last time, incident: {}", task.getTopicName(),
                    task.getBusinessKey(), message);
        } else {
            log.warn("{} for case {} failed ({} retries left, next in {} s): {}", task.getTopicName(),
                    task.getBusinessKey(), remaining, backoff.toSeconds(), message);
        }
        try {
            service.handleFailure(task, message, e.getClass().getName() + ": " + message, remaining,
                    backoff.toMillis());
        } catch (RuntimeException reportFailed) {
            log.warn("the failure of {} did not reach the engine ({}); the task is offered again when its lock "
                    + "expires", task.getTopicName(), reportFailed.getMessage());
        }
    }

    private static String shorten(String message) {
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }
}
