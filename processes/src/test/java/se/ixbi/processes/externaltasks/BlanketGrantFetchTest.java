package se.ixbi.processes.externaltasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a real engine with authorizations on: the fast path is taken only where the engine's own check could not
 * have refused a task, and a fetch returns the same tasks with it as the engine's check would.
 */
class BlanketGrantFetchTest {

    private ProcessEngineConfigurationImpl configuration;
    private ProcessEngine engine;
    private IdentityService identity;
    private AuthorizationService authorizations;
    private ExternalTaskService externalTasks;
    private RuntimeService runtime;

    @BeforeEach
    void startEngine() {
        StandaloneInMemProcessEngineConfiguration c = new StandaloneInMemProcessEngineConfiguration();
        c.setProcessEngineName("blanket-grant-" + System.nanoTime());
        c.setJdbcUrl("jdbc:h2:mem:" + c.getProcessEngineName());
        c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        c.setAuthorizationEnabled(true);
        c.setJobExecutorActivate(false);
        c.setProcessEnginePlugins(List.of(new BlanketGrantFetch()));
        configuration = c;
        engine = c.buildProcessEngine();
        identity = engine.getIdentityService();
        authorizations = engine.getAuthorizationService();
        externalTasks = engine.getExternalTaskService();
        runtime = engine.getRuntimeService();
        engine.getRepositoryService().createDeployment().addModelInstance("one-task.bpmn",
                Bpmn.createExecutableProcess("one-task").camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask().camundaExternalTask("work").endEvent().done()).deploy();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void aWorkerGrantedEveryInstanceTakesTheFastPathAndGetsEveryTask() {
        grant("workers", Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
        List<String> instances = start(3);

        identity.setAuthentication("w1", List.of("workers"));
        assertThat(coversEveryTask()).isTrue();
        List<LockedExternalTask> fetched = externalTasks.fetchAndLock(10, "w1").topic("work", 60_000).execute();

        assertThat(fetched).extracting(LockedExternalTask::getProcessInstanceId)
                .containsExactlyInAnyOrderElementsOf(instances);
    }

    @Test
    void rightsOnTheDefinitionCountAsRightsOnEveryInstance() {
        grant("workers", Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ_INSTANCE,
                Permissions.UPDATE_INSTANCE);
        start(2);

        identity.setAuthentication("w1", List.of("workers"));
        assertThat(coversEveryTask()).isTrue();
        assertThat(externalTasks.fetchAndLock(10, "w1").topic("work", 60_000).execute()).hasSize(2);
    }

    @Test
    void aGrantOnOneInstanceKeepsTheEnginesCheckAndGetsOnlyThatTask() {
        List<String> instances = start(3);
        grant("one-case", Resources.PROCESS_INSTANCE, instances.get(1), Permissions.READ, Permissions.UPDATE);

        identity.setAuthentication("u1", List.of("one-case"));
        assertThat(coversEveryTask()).isFalse();
        List<LockedExternalTask> fetched = externalTasks.fetchAndLock(10, "u1").topic("work", 60_000).execute();

        assertThat(fetched).extracting(LockedExternalTask::getProcessInstanceId).containsExactly(instances.get(1));
    }

    @Test
    void readingWithoutUpdatingIsNotEnough() {
        grant("readers", Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        start(2);

        identity.setAuthentication("r1", List.of("readers"));
        assertThat(coversEveryTask()).isFalse();
        assertThat(externalTasks.fetchAndLock(10, "r1").topic("work", 60_000).execute()).isEmpty();
    }

    @Test
    void oneRevocationAnywhereHandsTheFetchBackToTheEnginesCheck() {
        grant("workers", Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
        List<String> instances = start(3);
        Authorization revoked = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoked.setGroupId("workers");
        revoked.setResource(Resources.PROCESS_INSTANCE);
        revoked.setResourceId(instances.get(0));
        revoked.removePermission(Permissions.READ);
        authorizations.saveAuthorization(revoked);

        identity.setAuthentication("w1", List.of("workers"));
        assertThat(coversEveryTask()).isFalse();
        List<LockedExternalTask> fetched = externalTasks.fetchAndLock(10, "w1").topic("work", 60_000).execute();

        assertThat(fetched).extracting(LockedExternalTask::getProcessInstanceId)
                .containsExactlyInAnyOrder(instances.get(1), instances.get(2));
    }

    @Test
    void anUnauthenticatedCallIsLeftToTheEngine() {
        start(1);
        identity.clearAuthentication();
        assertThat(coversEveryTask()).isFalse();
    }

    private boolean coversEveryTask() {
        return configuration.getCommandExecutorTxRequired().execute(BlanketGrantFetch.Interceptor::coversEveryTask);
    }

    private List<String> start(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> runtime.startProcessInstanceByKey("one-task", Map.of()).getId()).toList();
    }

    private void grant(String group, Resources resource, String resourceId,
            Permission... permissions) {
        Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        a.setGroupId(group);
        a.setResource(resource);
        a.setResourceId(resourceId);
        for (Permission p : permissions) {
            a.addPermission(p);
        }
        authorizations.saveAuthorization(a);
    }
}
