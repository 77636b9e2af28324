package se.ixbi.processes.externaltasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a real engine: one query serves several workers, each task locked for its own worker, none twice. */
class SharedFetchTest {

    private final AtomicInteger sharedTurns = new AtomicInteger();
    private StandaloneInMemProcessEngineConfiguration configuration;
    private ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("shared-fetch-" + System.nanoTime());
        configuration.setJdbcUrl("jdbc:h2:mem:" + configuration.getProcessEngineName());
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setAuthorizationEnabled(true);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEnginePlugins(List.of(new FetchAndLockRetry(1), new BlanketGrantFetch()));
        configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>(List.of(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                if (command instanceof SharedFetchCmd) {
                    sharedTurns.incrementAndGet();
                }
                return next.execute(command);
            }
        })));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("one-task.bpmn",
                Bpmn.createExecutableProcess("one-task").camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask().camundaExternalTask("work").endEvent().done()).deploy();
        Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("workers");
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId(Authorization.ANY);
        grant.addPermission(Permissions.READ);
        grant.addPermission(Permissions.UPDATE);
        engine.getAuthorizationService().saveAuthorization(grant);
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void eachWorkerGetsItsShareLockedForItsOwnTimeWithItsOwnVariables() {
        for (int i = 0; i < 5; i++) {
            engine.getRuntimeService().startProcessInstanceByKey("one-task", Map.of("caseId", "case-" + i,
                    "scan", "s3://scans/" + i));
        }
        TopicFetchInstruction shortLock = new TopicFetchInstruction("work", 60_000);
        shortLock.setVariablesToFetch(List.of("caseId"));
        TopicFetchInstruction longLock = new TopicFetchInstruction("work", 600_000);
        longLock.setVariablesToFetch(List.of());
        Authentication worker = new Authentication("worker", List.of("workers"));
        SharedFetchCmd shared = new SharedFetchCmd(List.of(
                FetchRequest.of(new FetchExternalTasksCmd("w1", 3, Map.of("work", shortLock)), worker),
                FetchRequest.of(new FetchExternalTasksCmd("w2", 1, Map.of("work", longLock)), worker)));

        long before = System.currentTimeMillis();
        List<List<LockedExternalTask>> dealt = asWorker(() -> configuration.getCommandExecutorTxRequired()
                .execute(shared));

        assertThat(dealt.get(0)).hasSize(3).allSatisfy(task -> {
            assertThat(task.getWorkerId()).isEqualTo("w1");
            assertThat(task.getVariables().keySet()).containsExactly("caseId");
        });
        assertThat(dealt.get(1)).hasSize(1).allSatisfy(task -> {
            assertThat(task.getWorkerId()).isEqualTo("w2");
            assertThat(task.getVariables()).isEmpty();
        });
        // what the engine stored: each worker's own lock, its own length; the fifth task still waits
        List<ExternalTask> stored = engine.getExternalTaskService().createExternalTaskQuery().list();
        assertThat(stored).filteredOn(t -> "w1".equals(t.getWorkerId())).hasSize(3).allSatisfy(
                t -> assertThat(t.getLockExpirationTime()).isBetween(new Date(before + 59_000),
                        new Date(System.currentTimeMillis() + 60_000)));
        assertThat(stored).filteredOn(t -> "w2".equals(t.getWorkerId())).hasSize(1).allSatisfy(
                t -> assertThat(t.getLockExpirationTime()).isAfter(new Date(before + 599_000)));
        assertThat(stored).filteredOn(t -> t.getWorkerId() == null).hasSize(1);
    }

    @Test
    void sixteenWorkersAtOnceDrainTheBacklogEachTaskOnce() throws Exception {
        int instances = 300;
        for (int i = 0; i < instances; i++) {
            engine.getRuntimeService().startProcessInstanceByKey("one-task");
        }
        Set<String> completed = ConcurrentHashMap.newKeySet();
        AtomicInteger lockedTwice = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            String workerId = "worker-" + w;
            done.add(workers.submit(() -> asWorker(() -> {
                for (int empty = 0; empty < 3; ) {
                    List<LockedExternalTask> tasks = engine.getExternalTaskService().fetchAndLock(1, workerId)
                            .topic("work", 60_000).execute();
                    empty = tasks.isEmpty() ? empty + 1 : 0;
                    for (LockedExternalTask task : tasks) {
                        assertThat(task.getWorkerId()).isEqualTo(workerId);
                        engine.getExternalTaskService().complete(task.getId(), workerId);
                        if (!completed.add(task.getProcessInstanceId())) {
                            lockedTwice.incrementAndGet();
                        }
                    }
                }
                return null;
            })));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertThat(completed).hasSize(instances);
        assertThat(lockedTwice).hasValue(0);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().completed().count())
                .isEqualTo(instances);
        assertThat(engine.getHistoryService().createHistoricExternalTaskLogQuery().successLog().count())
                .isEqualTo(instances);
        assertThat(sharedTurns).as("turns that served more than one worker").hasPositiveValue();
    }

    private <T> T asWorker(java.util.function.Supplier<T> call) {
        engine.getIdentityService().setAuthentication("worker", List.of("workers"));
        try {
            return call.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
