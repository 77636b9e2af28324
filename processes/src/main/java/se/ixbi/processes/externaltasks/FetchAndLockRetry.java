package se.ixbi.processes.externaltasks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Fetch-and-lock, tried again when it loses a race. Camunda 7.24 selects the tasks to lock, then loads each one's
 * process instance; when another worker's completion ended that instance in between, the engine fails with a
 * NullPointerException ({@code ExecutionEntity.restoreProcessInstance}) or an optimistic locking failure, and
 * {@code /engine-rest} answers 500. Nothing was locked (the transaction rolled back), so the fetch is simply run
 * again, in a fresh transaction, which then sees the instance gone. Measured with {@code EngineThroughputBenchmark}:
 * 16 workers at once met it 5 to 44 times in 1,000 tasks (docs/performance.md).
 *
 * <p>Fetches on one node also take turns ({@code ixbi.engine.concurrent-fetches}, 1 by default). Concurrent fetches
 * pick the same waiting task, one locks it and the others come back empty and ask again, each time running a query
 * whose cost grows with the backlog: 16 workers made 3,600 fetches for 1,000 tasks. Taking turns, every fetch finds
 * a task of its own (1,020 fetches) and the node completed 1.8 times as many tasks per second. Camunda's own long
 * polling serves waiting fetches on one thread for the same reason. Fetches waiting for a turn share the next one
 * ({@link FetchQueue}): one query serves them all.
 */
@Component
class FetchAndLockRetry extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(FetchAndLockRetry.class);
    static final int ATTEMPTS = 5;

    private final int concurrentFetches;

    FetchAndLockRetry(@Value("${ixbi.engine.concurrent-fetches:1}") int concurrentFetches) {
        if (concurrentFetches < 1) {
            throw new IllegalArgumentException("ixbi.engine.concurrent-fetches must be 1 or more, not "
                    + concurrentFetches);
        }
        this.concurrentFetches = concurrentFetches;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FetchRequest.requireCamundaFields();
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        // before the transaction interceptor: each attempt gets its own transaction and command context
        interceptors.add(0, new Interceptor(concurrentFetches,
                () -> configuration.getIdentityService().getCurrentAuthentication()));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class Interceptor extends CommandInterceptor {

        private final FetchQueue queue;

        Interceptor(int concurrentFetches) {
            this(concurrentFetches, () -> null);
        }

        Interceptor(int concurrentFetches, Supplier<Authentication> caller) {
            queue = new FetchQueue(concurrentFetches, caller, this::fetch);
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (!(command instanceof FetchExternalTasksCmd fetch)
                    || TransactionSynchronizationManager.isActualTransactionActive()) {
                return next.execute(command);
            }
            @SuppressWarnings("unchecked")
            T locked = (T) queue.fetch(fetch);
            return locked;
        }

        int inLine() {
            return queue.inLine();
        }

        private <T> T fetch(Command<T> command) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (NullPointerException | OptimisticLockingException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                    log.debug("fetch-and-lock lost a race with a concurrent completion ({}); fetching again",
                            e.getClass().getSimpleName());
                }
            }
        }
    }
}
