package se.ixbi.workers.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.exception.BadRequestException;
import org.camunda.bpm.client.exception.ConnectionLostException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs fetched tasks on a pool of {@code concurrency} threads. The client's fetch thread waits for a free slot
 * before it hands a task over, so a busy node stops fetching rather than hoarding locks. Running tasks keep their
 * locks by extending them; when the node stops, running tasks get the shutdown timeout to finish, and whatever is
 * still running after it is unlocked so that another node takes it over at once. Every log line about a task
 * carries its case and topic ({@value #CASE_ID}, {@value #TOPIC} in the logging context), and every task ends in
 * the meter {@code ixbi.worker.tasks} with its topic and outcome.
 */
@Component
public class TaskRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    private static final int MAX_ERROR_MESSAGE = 1000;
    /** The logging context's keys, the same as the engine's. */
    public static final String CASE_ID = "caseId";
    public static final String TOPIC = "topic";

    private final WorkerProperties properties;
    private final ExternalTaskClient client;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final ScheduledExecutorService lockKeeper;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger begun = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> activeByTopic = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;
    private volatile boolean started;

    public TaskRunner(WorkerProperties properties, ExternalTaskClient client, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.client = client;
        this.clock = clock;
        this.slots = new Semaphore(properties.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.concurrency(),
                r -> new Thread(r, "ixbi-task-" + threads.incrementAndGet()));
        this.lockKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ixbi-lock-keeper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The client-side handler of one topic: waits for a slot, renews the lock (the wait may have eaten into it),
     * then runs the task on the pool. A stopping node gives the task back instead of waiting.
     */
    ExternalTaskHandler handlerFor(TopicHandler handler) {
        return (task, service) -> {
            try (var context = logContext(task)) {
                take(task, service, handler);
            }
        };
    }

    private void take(ExternalTask task, ExternalTaskService service, TopicHandler handler) {
        if (!awaitSlot()) {
            giveBack(task, service);
            return;
        }
        try {
            service.extendLock(task, properties.lockDuration().toMillis());
        } catch (RuntimeException e) {
            slots.release();
            log.warn("{} {} not started: its lock could not be renewed after waiting for a slot ({}); another "
                    + "worker may hold it", task.getTopicName(), task.getId(), e.getMessage());
            return;
        }
        Running r = new Running(task, service, handler);
        running.add(r);
        try {
            pool.execute(() -> {
                try {
                    run(r);
                } finally {
                    running.remove(r);
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(r);
            slots.release();
            giveBack(task, service);
        }
    }

    /** Puts the task's case and topic in the logging context until closed. */
    private static LogContext logContext(ExternalTask task) {
        MDC.put(TOPIC, task.getTopicName());
        MDC.put(CASE_ID, task.getBusinessKey() == null ? "" : task.getBusinessKey());
        return () -> {
            MDC.remove(TOPIC);
            MDC.remove(CASE_ID);
        };
    }

    private interface LogContext extends AutoCloseable {
        @Override
        void close();
    }

    private boolean awaitSlot() {
        try {
            while (accepting) {
                if (slots.tryAcquire(250, TimeUnit.MILLISECONDS)) {
                    if (accepting) {
                        return true;
                    }
                    slots.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void run(Running r) {
        AtomicInteger active = activeByTopic.computeIfAbsent(r.task.getTopicName(), topic -> meters.gauge(
                "ixbi.worker.tasks.active", Tags.of(TOPIC, topic), new AtomicInteger()));
        active.incrementAndGet();
        long began = System.nanoTime();
        String outcome = "failed";
        try (var context = logContext(r.task)) {
            outcome = work(r);
        } finally {
            active.decrementAndGet();
            Timer.builder("ixbi.worker.tasks").description("tasks this node ran, by topic and how they ended")
                    .tags(TOPIC, r.task.getTopicName(), "outcome", outcome).publishPercentileHistogram()
                    .register(meters).record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Runs the task and reports its end to the engine.
     *
     * @return how it ended: {@code completed}, {@code bpmn_error}, {@code failed}, {@code abandoned} (the engine
     *         took it back) or {@code given_back} (this node is stopping)
     */
    private String work(Running r) {
        ExternalTask task = r.task;
        r.thread = Thread.currentThread();
        long lockMillis = properties.lockDuration().toMillis();
        long every = Math.max(1000, lockMillis / 3);
        ScheduledFuture<?> extension = lockKeeper.scheduleAtFixedRate(() -> extend(r, lockMillis), every, every,
                TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        WorkItem item = new WorkItem(task, r.service, properties.progressInterval().toMillis(), clock,
                () -> r.cancelled);
        try {
            begun.incrementAndGet();
            log.info("{} {} for case {} started", task.getTopicName(), task.getId(), task.getBusinessKey());
            Map<String, Object> outputs = new HashMap<>(r.handler.handle(item));
            outputs.put(WorkItem.PROGRESS_PERCENT, 100);
            outputs.put(WorkItem.PROGRESS_STEP, "done");
            extension.cancel(false);
            if (report(r, "completion", () -> r.service.complete(task, outputs))) {
                completed.incrementAndGet();
                log.info("{} {} for case {} completed in {} ms", task.getTopicName(), task.getId(),
                        task.getBusinessKey(), (System.nanoTime() - started) / 1_000_000);
                return "completed";
            }
            return "abandoned";
        } catch (BusinessFailure f) {
            extension.cancel(false);
            log.info("{} {} for case {}: BPMN error {}: {}", task.getTopicName(), task.getId(),
                    task.getBusinessKey(), f.code(), f.getMessage());
            report(r, "BPMN error", () -> r.service.handleBpmnError(task, f.code(), f.getMessage(), f.variables()));
            return "bpmn_error";
        } catch (Exception e) {
            extension.cancel(false);
            if (r.cancelled) {
                log.warn("{} {} for case {} abandoned: the engine no longer offers it to this worker (lock lost, "
                        + "or the case moved on)", task.getTopicName(), task.getId(), task.getBusinessKey());
                return "abandoned";
            }
            if (!accepting && (e instanceof InterruptedException || Thread.currentThread().isInterrupted())) {
                giveBack(task, r.service);
                return "given_back";
            }
            fail(r, e);
            return "failed";
        } catch (Error e) {
            extension.cancel(false);
            fail(r, e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return "failed";
        }
    }

    /**
     * Tells the engine how a task ended. When the engine cannot be reached, or the task is no longer this worker's
     * (lock lost, case moved on), the outcome is dropped: the task is offered again when its lock expires, and
     * handlers are idempotent. When the engine refuses the outcome itself (a listener failing on completion, a
     * missing permission), that is a failure like any other: it counts down the retries to an incident, rather than
     * being redone forever.
     */
    private boolean report(Running r, String what, Runnable call) {
        ExternalTask task = r.task;
        try {
            callAgainOnConflict(call);
            return true;
        } catch (RuntimeException e) {
            if (lostContact(e)) {
                log.warn("{} {} for case {}: the {} did not reach the engine ({}); the task is offered again when "
                        + "its lock expires", task.getTopicName(), task.getId(), task.getBusinessKey(), what,
                        e.getMessage());
            } else {
                fail(r, new IllegalStateException("the engine refused the " + what + ": " + e.getMessage(), e));
            }
            return false;
        }
    }

    /**
     * The task's own lock extension (or progress report) may touch the task in the same instant as its completion;
     * the engine then refuses the later of the two. The completion is the same when sent again, so it is, a few
     * times, rather than failing a task whose work is done.
     */
    private static void callAgainOnConflict(Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("updated by another transaction")) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean lostContact(RuntimeException e) {
        return unreachable(e) || e instanceof NotFoundException
                || (e instanceof BadRequestException && String.valueOf(e.getMessage()).toLowerCase().contains("lock"));
    }

    /**
     * The engine was not reached, or the proxy in front of the engine nodes lost the node that had the request
     * (502, 503, 504: a node stopped or killed mid-request). Whether the call took effect is unknown; the task's
     * lock settles it.
     */
    private static boolean unreachable(RuntimeException e) {
        return e instanceof ConnectionLostException || (e instanceof RestException r && r.getHttpStatusCode() != null
                && (r.getHttpStatusCode() == 502 || r.getHttpStatusCode() == 503 || r.getHttpStatusCode() == 504));
    }


    private void fail(Running r, Throwable e) {
        ExternalTask task = r.task;
        int remaining = e instanceof PermanentFailure ? 0
                : task.getRetries() == null ? properties.retries() : Math.max(0, task.getRetries() - 1);
        int failures = properties.retries() + 1 - remaining;
        long backoff = remaining == 0 ? 0 : properties.backoffAfter(failures).toMillis();
        String message = describe(e);
        if (remaining == 0) {
            log.error("{} {} for case {} failed for the last time, incident: {}", task.getTopicName(), task.getId(),
                    task.getBusinessKey(), message, e);
        } else {
            log.warn("{} {} for case {} failed ({} retries left, next in {} ms): {}", task.getTopicName(),
                    task.getId(), task.getBusinessKey(), remaining, backoff, message);
        }
        // the progress shown in /api says that the task waits for a retry rather than where the attempt stopped
        Map<String, Object> progress = Map.of(WorkItem.PROGRESS_STEP, remaining == 0 ? "failed: incident"
                : "failed; retry " + (properties.retries() + 2 - remaining) + " in " + backoff / 1000 + " s");
        try {
            r.service.handleFailure(task.getId(), message, stackTrace(e), remaining, backoff, progress, Map.of());
        } catch (RuntimeException reportFailed) {
            log.warn("{} {}: the failure did not reach the engine ({}); the task is offered again when its lock "
                    + "expires", task.getTopicName(), task.getId(), reportFailed.getMessage());
        }
    }

    private void extend(Running r, long lockMillis) {
        try (var context = logContext(r.task)) {
            try {
                r.service.extendLock(r.task, lockMillis);
            } catch (RuntimeException e) {
                log.warn("lock of task {} ({}) not extended: {}", r.task.getId(), r.task.getTopicName(),
                        e.getMessage());
                if (!unreachable(e)) {
                    // the task is gone (a withdrawal cancelled it) or another worker has it: stop working on it
                    r.cancelled = true;
                    Thread thread = r.thread;
                    if (thread != null) {
                        thread.interrupt();
                    }
                }
            }
        }
    }

    private static void giveBack(ExternalTask task, ExternalTaskService service) {
        try {
            service.unlock(task);
            log.info("{} {} given back: this worker is stopping", task.getTopicName(), task.getId());
        } catch (RuntimeException e) {
            log.warn("task {} not unlocked ({}); its lock expires by itself", task.getId(), e.getMessage());
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) + "…" : message;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Tasks this node began to work on since it started. */
    public int startedTasks() {
        return begun.get();
    }

    /** Tasks completed by this node since it started. */
    public int completedTasks() {
        return completed.get();
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stops before the client is closed (it depends on the client bean), so the running tasks can complete. */
    @Override
    public void stop() {
        // first: the fetch thread, waiting for a slot, gives its task back instead (client.stop() joins it)
        accepting = false;
        client.stop();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} task(s) still running after {}; giving them back", running.size(),
                        properties.shutdownTimeout());
                for (Running r : running) {
                    giveBack(r.task, r.service);
                }
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        lockKeeper.shutdownNow();
        started = false;
    }

    private static final class Running {
        final ExternalTask task;
        final ExternalTaskService service;
        final TopicHandler handler;
        volatile Thread thread;
        volatile boolean cancelled;

        Running(ExternalTask task, ExternalTaskService service, TopicHandler handler) {
            this.task = task;
            this.service = service;
            this.handler = handler;
        }
    }
}
