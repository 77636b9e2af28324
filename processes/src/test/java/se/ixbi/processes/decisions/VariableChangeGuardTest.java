package se.ixbi.processes.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** What a consent or a decision rests on stays as it was set, whoever asks and however. */
@IxbiTest
class VariableChangeGuardTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void aConsentScopeIsNeitherChangedNorDeletedThroughTheRestApiNorThroughJava() throws Exception {
        String caseId = driver.register(1.0);
        driver.consent(caseId, false, false, false);
        String instance = runtime.createVariableInstanceQuery().variableName("scopeVem").list().stream()
                .filter(v -> caseId.equals(runtime.createProcessInstanceQuery().processInstanceId(
                        v.getProcessInstanceId()).singleResult().getBusinessKey()))
                .findFirst().orElseThrow().getProcessInstanceId();

        HttpResponse<String> put = send("coordinator", "PUT", "/engine-rest/process-instance/" + instance
                + "/variables/scopeVem", "{\"value\": true, \"type\": \"Boolean\"}");
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.body()).contains("scopeVem", "not changed or deleted after the fact");
        HttpResponse<String> patch = send("operator", "POST", "/engine-rest/process-instance/" + instance
                + "/variables", "{\"modifications\": {\"workProgressStep\": {\"value\": \"x\"}},"
                + " \"deletions\": [\"scopeVem\"]}");
        assertThat(patch.statusCode()).isEqualTo(403);
        HttpResponse<String> delete = send("operator", "DELETE", "/engine-rest/process-instance/" + instance
                + "/variables/scopeVem", null);
        assertThat(delete.statusCode()).isEqualTo(403);
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
    void aWorkersProgressReportIsTheOneChangeThatPasses() throws Exception {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        String instance = driver.fetch(caseId, "xray.reconstruct").getProcessInstanceId();
        HttpResponse<String> progress = send("worker", "POST", "/engine-rest/process-instance/" + instance
                + "/variables", "{\"modifications\": {\"workProgressPercent\": {\"value\": 40, \"type\": \"Integer\"},"
                + " \"workProgressStep\": {\"value\": \"filter\"}}}");
        assertThat(progress.statusCode()).as(progress.body()).isEqualTo(204);
        assertThat(runtime.getVariable(instance, "workProgressStep")).isEqualTo("filter");
    }

    private HttpResponse<String> send(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
