package se.ixbi.processes.externaltasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
        FetchAndLockRetry.Interceptor retry = new FetchAndLockRetry.Interceptor();
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
}
