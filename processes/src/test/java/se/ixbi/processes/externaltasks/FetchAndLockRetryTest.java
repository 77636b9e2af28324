package se.ixbi.processes.externaltasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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
    void noTurnsAtAllIsRefusedAtStart() {
        assertThatThrownBy(() -> new FetchAndLockRetry(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ixbi.engine.concurrent-fetches");
    }

    private static FetchExternalTasksCmd fetch() {
        return new FetchExternalTasksCmd("worker-1", 1, java.util.Map.of(), false, List.of());
    }
}
