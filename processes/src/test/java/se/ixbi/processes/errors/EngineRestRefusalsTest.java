package se.ixbi.processes.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** An ordinary refusal of {@code /engine-rest} is a 4xx the caller can act on, not a server failure. */
@IxbiTest
class EngineRestRefusalsTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    @Test
    void claimingATaskSomeoneClaimedFirstIsAConflict() {
        String caseId = driver.register(1.0);
        String task = driver.task(caseId, "Task_ObtainConsent").getId();
        assertThat(claim("clinician", task).status()).isEqualTo(204);

        Response second = claim("operator", task);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body()).contains("\"type\":\"TaskAlreadyClaimedException\"", "already claimed");
    }

    @Test
    void completingATaskThatIsNotThereIsNotFound() {
        Response missing = api.post("coordinator", "/engine-rest/task/no-such-task/complete", "{\"variables\": {}}");
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).contains("no-such-task")
                .doesNotContain("NullValueException", "is null");

        // any other failure keeps Camunda's answer
        String caseId = driver.register(1.0);
        Response forbidden = api.post("auditor", "/engine-rest/task/" + driver.task(caseId, "Task_ObtainConsent")
                .getId() + "/complete", "{\"variables\": {}}");
        assertThat(forbidden.status()).isEqualTo(403);
    }

    private Response claim(String user, String task) {
        return api.post(user, "/engine-rest/task/" + task + "/claim", "{\"userId\": \"" + user + "\"}");
    }
}
