package se.ixbi.processes.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** {@code /engine-rest} as each role sees it, with Camunda authorizations enforced. */
@IxbiTest
class EngineRestAuthorizationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    private String consentTask(String user, String caseId) {
        Response tasks = api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + caseId);
        assertThat(tasks.status()).isEqualTo(200);
        return tasks.json().size() == 0 ? null : tasks.json().get(0).path("id").asText();
    }

    @Test
    void aBrowserIsRefusedWithoutAPasswordChallengeAndAScriptIsChallenged() {
        org.springframework.http.HttpHeaders browser = new org.springframework.http.HttpHeaders();
        browser.set("Sec-Fetch-Mode", "navigate");
        var fromBrowser = rest.exchange("/engine-rest/task", HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(browser), String.class);
        assertThat(fromBrowser.getStatusCode().value()).isEqualTo(401);
        assertThat(fromBrowser.getHeaders().get("WWW-Authenticate")).isNull();

        var fromScript = rest.getForEntity("/engine-rest/task", String.class);
        assertThat(fromScript.getStatusCode().value()).isEqualTo(401);
        assertThat(fromScript.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(api.get("worker", "/engine-rest/task").status()).isEqualTo(200);
    }

    @Test
    void theClinicianSeesTheConsentTaskWithItsFormAndCompletesIt() {
        String caseId = driver.register(1.0);
        String taskId = consentTask("clinician", caseId);
        assertThat(taskId).isNotNull();

        Response form = api.get("clinician", "/engine-rest/task/" + taskId + "/deployed-form");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().path("id").asText()).isEqualTo("consent-form");

        Response submitted = api.post("clinician", "/engine-rest/task/" + taskId + "/submit-form", """
                {"variables": {
                  "consentDecision": {"value": "granted"}, "scopeXray": {"value": true},
                  "scopeVem": {"value": true}, "scopeOmics": {"value": false},
                  "consentVersion": {"value": "2.1"}, "consentObtainedBy": {"value": "dr.berg"},
                  "consentSignedOn": {"value": "2026-11-20"}}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
        // the consent goes to the clinical record before the biopsy is planned
        assertThat(api.get("clinician", "/engine-rest/task?processInstanceBusinessKey=" + caseId).json()).isEmpty();
        driver.work(caseId, "fhir.consent");

        Response next = api.get("clinician", "/engine-rest/task?processInstanceBusinessKey=" + caseId);
        assertThat(next.json().findValuesAsText("name")).containsExactly("Schedule image-guided biopsy");
        assertThat(driver.details(caseId).consent().scopes().omics()).isFalse();
    }

    @Test
    void everyRoleFindsItsTasksThroughTheSharedTasklistFilters() {
        String caseId = driver.register(1.0);
        for (String user : new String[] {"clinician", "coordinator", "auditor", "operator"}) {
            Response filters = api.get(user, "/engine-rest/filter?resourceType=Task");
            assertThat(filters.json().findValuesAsText("name")).as(user)
                    .contains("My group tasks", "My tasks", "All open tasks");
        }
        String groupFilter = api.get("clinician", "/engine-rest/filter?name=My group tasks").json().get(0)
                .path("id").asText();
        Response mine = api.post("clinician", "/engine-rest/filter/" + groupFilter + "/list?maxResults=500", "{}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().findValuesAsText("processInstanceId"))
                .contains(api.get("clinician", "/engine-rest/task?processInstanceBusinessKey=" + caseId).json().get(0)
                        .path("processInstanceId").asText());
        Response operators = api.post("operator", "/engine-rest/filter/" + groupFilter + "/list?maxResults=500", "{}");
        assertThat(operators.status()).isEqualTo(200);
        assertThat(operators.json().findValuesAsText("taskDefinitionKey")).doesNotContain("Task_ObtainConsent");
    }

    @Test
    void aClinicianDoesNotSeeTasksOfOtherGroups() {
        String caseId = driver.register(1.0);
        driver.toBeamtime(caseId);
        // the case now waits at "Schedule beamtime", an operator task
        assertThat(consentTask("clinician", caseId)).isNull();
        assertThat(consentTask("operator", caseId)).isNotNull();
        assertThat(consentTask("coordinator", caseId)).isNotNull();
    }

    @Test
    void theAuditorReadsHistoryButChangesNothing() {
        String caseId = driver.register(1.0);
        String taskId = consentTask("auditor", caseId);
        assertThat(taskId).isNotNull();

        Response history = api.get("auditor", "/engine-rest/history/process-instance?processInstanceBusinessKey="
                + caseId);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().findValuesAsText("processDefinitionKey")).contains("ixbi-case", "ixbi-consent");

        Response complete = api.post("auditor", "/engine-rest/task/" + taskId + "/complete", "{}");
        assertThat(complete.status()).isEqualTo(403);
        String instanceId = driver.details(caseId).processInstanceId();
        assertThat(api.as("auditor", HttpMethod.DELETE, "/engine-rest/process-instance/" + instanceId, null).status())
                .isEqualTo(403);
        assertThat(api.post("auditor", "/engine-rest/message", "{\"messageName\":\"ConsentWithdrawn\","
                + "\"businessKey\":\"" + caseId + "\"}").status()).isEqualTo(403);
        assertThat(consentTask("coordinator", caseId)).isEqualTo(taskId);
    }

    @Test
    void operatorsFetchExternalTasksAsWorkersAndClinicianCannot() {
        String caseId = driver.register(1.0);
        String core = driver.toBeamtime(caseId);
        driver.scheduleBeamtime(caseId);
        driver.upload(caseId, se.ixbi.processes.dataset.Modality.XRAY, core);
        String fetch = """
                {"workerId": "w-%s", "maxTasks": 5, "topics": [{"topicName": "data.verify", "lockDuration": 60000,
                 "businessKey": "%s"}]}""";

        Response byClinician = api.post("clinician", "/engine-rest/external-task/fetchAndLock",
                fetch.formatted("c", caseId));
        assertThat(byClinician.status()).isEqualTo(200);
        assertThat(byClinician.json()).isEmpty();

        Response byOperator = api.post("operator", "/engine-rest/external-task/fetchAndLock",
                fetch.formatted("o", caseId));
        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(byOperator.json().findValuesAsText("topicName")).containsExactly("data.verify");
        assertThat(byOperator.json().get(0).path("businessKey").asText()).isEqualTo(caseId);
    }

    @Test
    void theWorkerAccountRunsExternalTasksAndReportsProgressThatCoordinatorsSee() {
        String caseId = driver.register(1.0);
        String core = driver.toBeamtime(caseId);
        driver.scheduleBeamtime(caseId);
        driver.upload(caseId, se.ixbi.processes.dataset.Modality.XRAY, core);

        Response fetched = api.post("worker", "/engine-rest/external-task/fetchAndLock", """
                {"workerId": "node-7", "maxTasks": 1, "topics": [{"topicName": "data.verify", "lockDuration": 60000,
                 "businessKey": "%s"}]}""".formatted(caseId));
        assertThat(fetched.status()).isEqualTo(200);
        String taskId = fetched.json().get(0).path("id").asText();
        String instanceId = fetched.json().get(0).path("processInstanceId").asText();
        Response progress = api.post("worker", "/engine-rest/process-instance/" + instanceId + "/variables", """
                {"modifications": {"workProgressTopic": {"value": "data.verify", "type": "String"},
                 "workProgressPercent": {"value": 40, "type": "Integer"},
                 "workProgressStep": {"value": "read", "type": "String"}}}""");
        assertThat(progress.status()).isEqualTo(204);

        Response details = api.get("coordinator", "/api/cases/" + caseId);
        var work = details.json().path("pendingWork").get(0);
        assertThat(work.path("topic").asText()).isEqualTo("data.verify");
        assertThat(work.path("workerId").asText()).isEqualTo("node-7");
        assertThat(work.path("progressPercent").asInt()).isEqualTo(40);
        assertThat(work.path("progressStep").asText()).isEqualTo("read");

        Response completed = api.post("worker", "/engine-rest/external-task/" + taskId + "/complete", """
                {"workerId": "node-7", "variables": {"rawVerified": {"value": true, "type": "Boolean"}}}""");
        assertThat(completed.status()).isEqualTo(204);
        assertThat(driver.openExternalTasks(caseId, "xray.reconstruct")).isEqualTo(1);
        // a service account, not a person: no domain API, no user tasks
        assertThat(api.get("worker", "/api/cases/" + caseId).status()).isEqualTo(403);
        assertThat(api.get("worker", "/engine-rest/task?processInstanceBusinessKey=" + caseId).json()).isEmpty();
    }

    @Test
    void theFhirBridgeAccountRecordsConsentReadsItsCaseAndMayWithdrawButRegistersNothing() {
        String caseId = driver.register(1.0);
        driver.complete(caseId, "Task_ObtainConsent", java.util.Map.of("consentDecision", "granted",
                "scopeXray", true, "scopeVem", false, "scopeOmics", false, "scopeDataSharing", false,
                "scopeFutureResearch", false, "consentVersion", "2.1", "consentObtainedBy", "dr.berg",
                "consentSignedOn", "2026-11-20"));

        Response fetched = api.post("fhir-bridge", "/engine-rest/external-task/fetchAndLock", """
                {"workerId": "bridge", "maxTasks": 1, "topics": [{"topicName": "fhir.consent", "lockDuration": 60000,
                 "businessKey": "%s"}]}""".formatted(caseId));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().findValuesAsText("topicName")).containsExactly("fhir.consent");
        Response completed = api.post("fhir-bridge", "/engine-rest/external-task/"
                + fetched.json().get(0).path("id").asText() + "/complete", """
                {"workerId": "bridge", "variables": {"fhirConsentId": {"value": "Consent/1", "type": "String"}}}""");
        assertThat(completed.status()).isEqualTo(204);
        assertThat(driver.task(caseId, "Task_ScheduleBiopsy")).isNotNull();

        assertThat(api.get("fhir-bridge", "/api/cases/" + caseId).json().path("consent").path("version").asText())
                .isEqualTo("2.1");
        assertThat(api.get("fhir-bridge", "/api/cases").status()).isEqualTo(403);
        assertThat(api.post("fhir-bridge", "/api/cases", """
                {"useCase": "liver-fibrosis", "pseudonym": "BRIDGE-ONLY-1"}""").status()).isEqualTo(403);
        assertThat(api.get("fhir-bridge", "/engine-rest/task?processInstanceBusinessKey=" + caseId).json()).isEmpty();
        assertThat(api.post("fhir-bridge", "/api/cases/" + caseId + "/consent/withdrawal", """
                {"reason": "revoked in the hospital record"}""").status()).isEqualTo(202);
    }

    @Test
    void theWebappsServeTheirLoginPageAndAssetsAndKeepTheirApiBehindTheirLogin() {
        assertThat(api.get(null, "/camunda/app/tasklist/default/").status()).isEqualTo(200);
        assertThat(api.get(null, "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js").status())
                .isEqualTo(200);
        assertThat(api.get(null, "/camunda/api/engine/engine/default/task").status()).isEqualTo(401);
        assertThat(api.post(null, "/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}").status()).isEqualTo(403);
    }

    @Test
    void engineRestNeedsValidCredentials() {
        assertThat(api.get(null, "/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(rest.withBasicAuth("mallory", "guess").getForEntity("/engine-rest/process-definition",
                String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(api.get("auditor", "/engine-rest/process-definition?key=ixbi-case").json()
                .findValuesAsText("key")).containsExactly("ixbi-case");
    }
}
