package se.ixbi.processes.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** What a consent or a decision rests on stays as it was set, whoever asks and however. */
@IxbiTest
class VariableChangeGuardTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    @Test
    void aConsentScopeIsNeitherChangedNorDeletedThroughTheRestApiNorThroughJava() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, false, false, false);
        String instance = runtime.createVariableInstanceQuery().variableName("scopeVem").list().stream()
                .filter(v -> caseId.equals(runtime.createProcessInstanceQuery().processInstanceId(
                        v.getProcessInstanceId()).singleResult().getBusinessKey()))
                .findFirst().orElseThrow().getProcessInstanceId();

        Response put = api.as("coordinator", HttpMethod.PUT, "/engine-rest/process-instance/" + instance
                + "/variables/scopeVem", "{\"value\": true, \"type\": \"Boolean\"}");
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.body()).contains("scopeVem", "not changed or deleted after the fact");
        Response patch = api.as("operator", HttpMethod.POST, "/engine-rest/process-instance/" + instance
                + "/variables", "{\"modifications\": {\"workProgressStep\": {\"value\": \"x\"}},"
                + " \"deletions\": [\"scopeVem\"]}");
        assertThat(patch.status()).isEqualTo(403);
        Response delete = api.as("operator", HttpMethod.DELETE, "/engine-rest/process-instance/" + instance
                + "/variables/scopeVem", null);
        assertThat(delete.status()).isEqualTo(403);
        assertThatThrownBy(() -> runtime.setVariable(instance, "scopeVem", true))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("scopeVem");
        assertThat(runtime.getVariable(instance, "scopeVem")).isEqualTo(false);
        // nothing of the refused patch was applied, the progress report neither
        assertThat(runtime.getVariable(instance, "workProgressStep")).isNull();

        // and the history of what it was stays
        List<HistoricVariableInstance> kept = history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance).variableName("scopeVem").list();
        assertThat(kept).hasSize(1);
        // (through Java, where no authorization is checked: the guard alone refuses)
        assertThatThrownBy(() -> history.deleteHistoricVariableInstance(kept.get(0).getId()))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("history");
        assertThatThrownBy(() -> history.deleteHistoricVariableInstancesByProcessInstanceId(instance))
                .isInstanceOf(AuthorizationException.class);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("scopeVem")
                .count()).isEqualTo(1);
    }

    @Test
    void aWorkersProgressReportIsTheOneChangeThatPasses() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        String instance = driver.fetch(caseId, "xray.reconstruct").getProcessInstanceId();
        Response progress = api.as("worker", HttpMethod.POST, "/engine-rest/process-instance/" + instance
                + "/variables", "{\"modifications\": {\"workProgressPercent\": {\"value\": 40, \"type\": \"Integer\"},"
                + " \"workProgressStep\": {\"value\": \"filter\"}}}");
        assertThat(progress.status()).as(progress.body()).isEqualTo(204);
        assertThat(runtime.getVariable(instance, "workProgressStep")).isEqualTo("filter");
    }
}
