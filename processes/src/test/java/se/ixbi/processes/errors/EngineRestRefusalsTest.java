package se.ixbi.processes.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** An ordinary refusal of {@code /engine-rest} is a 4xx the caller can act on, not a server failure. */
@IxbiTest
class EngineRestRefusalsTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void claimingATaskSomeoneClaimedFirstIsAConflict() throws Exception {
        String caseId = driver.register(1.0);
        String task = driver.task(caseId, "Task_ObtainConsent").getId();
        assertThat(claim("clinician", task).statusCode()).isEqualTo(204);

        HttpResponse<String> second = claim("operator", task);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("\"type\":\"TaskAlreadyClaimedException\"", "already claimed");
    }

    private HttpResponse<String> claim(String user, String task) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/engine-rest/task/" + task + "/claim"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\": \"" + user + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
