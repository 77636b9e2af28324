package se.ixbi.processes.externaltasks;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Fetch-and-lock, tried again when it loses a race. Camunda 7.24 selects the tasks to lock, then loads each one's
 * process instance; when another worker's completion ended that instance in between, the engine fails with a
 * NullPointerException ({@code ExecutionEntity.restoreProcessInstance}) or an optimistic locking failure, and
 * {@code /engine-rest} answers 500. Nothing was locked (the transaction rolled back), so the fetch is simply run
 * again, in a fresh transaction, which then sees the instance gone. Measured with {@code EngineThroughputBenchmark}:
 * 16 workers at once met it 5 to 44 times in 1,000 tasks (docs/performance.md).
 */
@Component
class FetchAndLockRetry extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(FetchAndLockRetry.class);
    static final int ATTEMPTS = 5;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        // before the transaction interceptor: each attempt gets its own transaction and command context
        interceptors.add(0, new Interceptor());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!(command instanceof FetchExternalTasksCmd)
                    || TransactionSynchronizationManager.isActualTransactionActive()) {
                return next.execute(command);
            }
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
