package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.testservers.SharedKeycloak;
import se.ixbi.workers.demo.DemoRun;

/**
 * The system in Keycloak mode, each part as its own process against the real Keycloak: people act with their
 * tokens, the worker node and the FHIR bridge with their service accounts' client credentials, and a case runs
 * from registration to a quality-checked volume.
 */
class KeycloakCaseTest {

    private static final String BUCKET = "ixbi-keycloak";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static LoopbackSystem system;

    @BeforeAll
    static void start() {
        system = LoopbackSystem.startWithKeycloak(dir, BUCKET, SharedKeycloak.issuer());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aCaseRunsOnTokensAlone() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun.Outcome outcome;
        try (WorkerNode ignored = WorkerNode.inProcess(system.worker("keycloak-node"))) {
            outcome = system.demo(40, 60, new PrintStream(log, true), Duration.ofMinutes(3)).run();
        }
        assertThat(outcome.qcPassed()).as(log.toString()).isTrue();

        String coordinator = SharedKeycloak.passwordToken("coordinator", "coordinator");
        // the clinician's consent, as history records it: the person from the token
        JsonNode consent = get(coordinator, "/engine-rest/history/task?processInstanceBusinessKey=" + outcome.caseId()
                + "&taskDefinitionKey=Task_ObtainConsent");
        JsonNode completed = get(coordinator, "/engine-rest/history/user-operation?operationType=Complete&taskId="
                + consent.get(0).path("id").asText());
        assertThat(completed.findValuesAsText("userId")).containsExactly("clinician");
        // the worker's and the bridge's tasks, fetched and completed on their client credentials
        JsonNode external = get(coordinator, "/engine-rest/history/external-task-log?successLog=true"
                + "&processInstanceId=" + consent.get(0).path("processInstanceId").asText());
        assertThat(external.findValuesAsText("topicName")).contains("fhir.consent");
        JsonNode verified = get(coordinator, "/engine-rest/history/external-task-log?successLog=true"
                + "&topicName=data.verify");
        assertThat(verified.findValuesAsText("workerId")).contains("keycloak-node");

        // and the demo passwords no longer open anything
        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(URI.create(system.engine.engineRest()
                + "/external-task")).header("Authorization", "Basic d29ya2VyOndvcmtlcg==").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    private static JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.engine.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
