package se.ixbi.processes.externaltasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.GetExternalTaskErrorDetailsCmd;
import org.camunda.bpm.engine.impl.externaltask.LockedExternalTaskImpl;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;

/** Fetch-and-lock is run again when it loses a race; nothing else is, and a race that persists still fails. */
class FetchAndLockRetryTest {

    private final AtomicInteger runs = new AtomicInteger();

    private FetchAndLockRetry.Interceptor failingFirst(int failures, RuntimeException failure) {
        FetchAndLockRetry.Interceptor retry = new FetchAndLockRetry.Interceptor(1);
        retry.setNext(new CommandInterceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T execute(Command<T> command) {
                if (runs.incrementAndGet() <= failures) {
                    throw failure;
                }
                return (T) List.of();
            }
        });
        return retry;
    }

    @Test
    void aFetchThatLostARaceIsRunAgainInItsOwnTransaction() {
        List<LockedExternalTask> fetched = failingFirst(2, new NullPointerException(
                "Cannot invoke ExecutionEntity.restoreProcessInstance")).execute(
                        new FetchExternalTasksCmd("worker-1", 1, java.util.Map.of(), false, List.of()));
        assertThat(fetched).isEmpty();
        assertThat(runs).hasValue(3);
    }

    @Test
    void aRaceThatPersistsStillFailsAndOtherCommandsAreNotRepeated() {
        FetchAndLockRetry.Interceptor retry = failingFirst(99, new OptimisticLockingException("updated concurrently"));
        assertThatThrownBy(() -> retry.execute(new FetchExternalTasksCmd("worker-1", 1, java.util.Map.of(), false,
                List.of()))).isInstanceOf(OptimisticLockingException.class);
        assertThat(runs).hasValue(FetchAndLockRetry.ATTEMPTS);

        runs.set(0);
        FetchAndLockRetry.Interceptor once = failingFirst(1, new NullPointerException());
        assertThatThrownBy(() -> once.execute(new GetExternalTaskErrorDetailsCmd("task-1")))
                .isInstanceOf(NullPointerException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void fetchesOnOneNodeTakeTurns() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FetchAndLockRetry.Interceptor turns = new FetchAndLockRetry.Interceptor(1);
        turns.setNext(new CommandInterceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T execute(Command<T> command) {
                mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                runs.incrementAndGet();
                return (T) List.of();
            }
        });
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            done.add(workers.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    turns.execute(fetch());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertThat(runs).hasValue(100);
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void withTwoTurnsTwoFetchesRunAtOnce() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        FetchAndLockRetry.Interceptor turns = new FetchAndLockRetry.Interceptor(2);
        turns.setNext(new CommandInterceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T execute(Command<T> command) {
                try {
                    // passes only when the other fetch is inside at the same time
                    bothInside.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the second fetch never came in", e);
                }
                runs.incrementAndGet();
                return (T) List.of();
            }
        });
        ExecutorService workers = Executors.newFixedThreadPool(2);
        Future<?> first = workers.submit(() -> turns.execute(fetch()));
        Future<?> second = workers.submit(() -> turns.execute(fetch()));
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        workers.shutdown();

        assertThat(runs).hasValue(2);
    }

    @Test
    void aFetchThatFailedGivesUpItsTurn() throws Exception {
        FetchAndLockRetry.Interceptor turns = failingFirst(FetchAndLockRetry.ATTEMPTS,
                new OptimisticLockingException("updated concurrently"));
        assertThatThrownBy(() -> turns.execute(fetch())).isInstanceOf(OptimisticLockingException.class);

        ExecutorService worker = Executors.newSingleThreadExecutor();
        Object next = worker.submit(() -> turns.execute(fetch())).get(10, TimeUnit.SECONDS);
        worker.shutdown();
        assertThat(next).isEqualTo(List.of());
    }

    @Test
    void fetchesWaitingForATurnShareTheNextOne() throws Exception {
        HeldFirst held = new HeldFirst();
        FetchAndLockRetry.Interceptor turns = new FetchAndLockRetry.Interceptor(1);
        List<Command<?>> ran = held.behind(turns);
        ExecutorService workers = Executors.newFixedThreadPool(6);
        Future<List<LockedExternalTask>> first = workers.submit(() -> turns.execute(fetch("w0", "work")));
        held.awaitFirstInside();
        Map<String, Future<List<LockedExternalTask>>> waiting = new LinkedHashMap<>();
        for (int w = 1; w <= 5; w++) {
            String worker = "w" + w;
            waiting.put(worker, workers.submit(() -> turns.execute(fetch(worker, "work"))));
        }
        while (turns.inLine() < 5) {
            Thread.sleep(5);
        }
        held.letGo();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
        for (Map.Entry<String, Future<List<LockedExternalTask>>> fetch : waiting.entrySet()) {
            assertThat(fetch.getValue().get(10, TimeUnit.SECONDS)).extracting(LockedExternalTask::getWorkerId)
                    .containsExactly(fetch.getKey());
        }
        workers.shutdown();
        assertThat(ran).hasSize(2);
        assertThat(((SharedFetchCmd) ran.get(1)).requests()).extracting(FetchRequest::workerId)
                .containsExactlyInAnyOrder("w1", "w2", "w3", "w4", "w5");
    }

    @Test
    void fetchesForOtherCallersOrTopicsDoNotShareATurn() throws Exception {
        ThreadLocal<Authentication> caller = new ThreadLocal<>();
        HeldFirst held = new HeldFirst();
        FetchAndLockRetry.Interceptor turns = new FetchAndLockRetry.Interceptor(1, caller::get);
        List<Command<?>> ran = held.behind(turns);
        ExecutorService workers = Executors.newFixedThreadPool(5);
        List<Future<?>> done = new ArrayList<>();
        done.add(workers.submit(() -> as(caller, "worker", () -> turns.execute(fetch("w0", "work")))));
        held.awaitFirstInside();
        done.add(workers.submit(() -> as(caller, "worker", () -> turns.execute(fetch("w1", "work")))));
        done.add(workers.submit(() -> as(caller, "operator", () -> turns.execute(fetch("w2", "work")))));
        done.add(workers.submit(() -> as(caller, "worker", () -> turns.execute(fetch("w3", "other-topic")))));
        done.add(workers.submit(() -> as(caller, "worker", () -> turns.execute(fetch("w4", "work")))));
        while (turns.inLine() < 4) {
            Thread.sleep(5);
        }
        held.letGo();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        workers.shutdown();

        // w1 and w4 share a turn; the operator's fetch and the other topic's each run on their own
        assertThat(ran).hasSize(4);
        assertThat(ran.stream().filter(SharedFetchCmd.class::isInstance).map(SharedFetchCmd.class::cast)
                .flatMap(s -> s.requests().stream()).map(FetchRequest::workerId))
                .containsExactlyInAnyOrder("w1", "w4");
    }

    @Test
    void noTurnsAtAllIsRefusedAtStart() {
        assertThatThrownBy(() -> new FetchAndLockRetry(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ixbi.engine.concurrent-fetches");
    }

    /**
     * The engine behind the turns, as far as these tests need it: the first fetch is held inside until let go; a
     * shared turn answers each of its requests with a task locked for that request's worker.
     */
    private static final class HeldFirst {
        private final CountDownLatch firstInside = new CountDownLatch(1);
        private final CountDownLatch letFirstGo = new CountDownLatch(1);
        private final List<Command<?>> ran = new CopyOnWriteArrayList<>();

        List<Command<?>> behind(FetchAndLockRetry.Interceptor turns) {
            turns.setNext(new CommandInterceptor() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T execute(Command<T> command) {
                    ran.add(command);
                    if (ran.size() == 1) {
                        firstInside.countDown();
                        await(letFirstGo);
                    }
                    return (T) (command instanceof SharedFetchCmd shared ? shared.requests().stream()
                            .map(r -> List.of(lockedFor(r.workerId()))).toList() : List.of());
                }
            });
            return ran;
        }

        void awaitFirstInside() throws InterruptedException {
            assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void letGo() {
            letFirstGo.countDown();
        }
    }

    private static FetchExternalTasksCmd fetch(String worker, String topic) {
        return new FetchExternalTasksCmd(worker, 1, Map.of(topic, new TopicFetchInstruction(topic, 60_000)), false,
                List.of());
    }

    private static LockedExternalTask lockedFor(String worker) {
        return new LockedExternalTaskImpl() {
            {
                workerId = worker;
            }
        };
    }

    private static <T> T as(ThreadLocal<Authentication> caller, String user, Callable<T> call) throws Exception {
        caller.set(new Authentication(user, List.of("group-of-" + user)));
        try {
            return call.call();
        } finally {
            caller.remove();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never let go");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FetchExternalTasksCmd fetch() {
        return new FetchExternalTasksCmd("worker-1", 1, java.util.Map.of(), false, List.of());
    }
}
