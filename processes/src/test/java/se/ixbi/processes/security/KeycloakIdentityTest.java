package se.ixbi.processes.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.KeycloakModeTest;
import se.ixbi.testservers.SharedKeycloak;

/**
 * Keycloak mode against the real Keycloak distribution with the realm export: bearer tokens of each role at
 * {@code /api} and {@code /engine-rest}, the tokens that must be refused, and Keycloak going down.
 */
class KeycloakIdentityTest extends KeycloakModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REGISTRATION = """
            {"pseudonym": "%s", "useCase": "liver-fibrosis", "targetResolutionUm": 1.0}""";

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    private String coordinator;

    @BeforeEach
    void signIn() {
        coordinator = person("coordinator");
    }

    private static String person(String user) {
        return SharedKeycloak.passwordToken(user, user);
    }

    @Test
    void eachRoleGetsWhatItsRoleAllowsAtTheApi() throws Exception {
        Answer registered = send("POST", "/api/cases", coordinator, REGISTRATION.formatted(CaseDriver.pseudonym()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String caseId = registered.json().path("id").asText();

        assertThat(send("POST", "/api/cases", person("clinician"), REGISTRATION.formatted(CaseDriver.pseudonym())).status())
                .isEqualTo(403);
        assertThat(send("GET", "/api/cases/" + caseId, person("auditor"), null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/cases/" + caseId, person("clinician"), null).status()).isEqualTo(200);
        String worker = SharedKeycloak.clientToken("ixbi-worker", "ixbi-worker-dev-secret");
        assertThat(send("GET", "/api/cases/" + caseId, worker, null).status()).isEqualTo(403);
        String bridge = SharedKeycloak.clientToken("ixbi-fhir-bridge", "ixbi-fhir-bridge-dev-secret");
        assertThat(send("GET", "/api/cases/" + caseId, bridge, null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/audit/verification", person("auditor"), null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/audit/verification", worker, null).status()).isEqualTo(403);
    }

    @Test
    void theEngineKnowsTheTokensUserAndGroupsAndRecordsWhoDidWhat() throws Exception {
        String caseId = driver.register(1.0);
        String clinician = person("clinician");
        Answer tasks = send("GET", "/engine-rest/task?processInstanceBusinessKey=" + caseId, clinician, null);
        assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
        assertThat(tasks.json().findValuesAsText("taskDefinitionKey")).containsExactly("Task_ObtainConsent");
        String taskId = tasks.json().get(0).path("id").asText();
        // the auditor reads tasks but may not take one
        assertThat(send("POST", "/engine-rest/task/" + taskId + "/claim", person("auditor"), """
                {"userId": "auditor"}""").status()).isEqualTo(403);

        Answer claimed = send("POST", "/engine-rest/task/" + taskId + "/claim", clinician, """
                {"userId": "clinician"}""");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
        Answer log = send("GET", "/engine-rest/history/user-operation?taskId=" + taskId, coordinator, null);
        assertThat(log.json().findValuesAsText("userId")).contains("clinician");
        assertThat(log.json().findValuesAsText("operationType")).contains("Claim");

        String worker = SharedKeycloak.clientToken("ixbi-worker", "ixbi-worker-dev-secret");
        assertThat(send("POST", "/engine-rest/external-task/fetchAndLock", worker, """
                {"workerId": "kc-test", "maxTasks": 1, "topics": [{"topicName": "nothing.here", "lockDuration": 1000}]}
                """).status()).isEqualTo(200);
        // a worker's account sees no person's task and cannot deploy
        assertThat(send("GET", "/engine-rest/task?processInstanceBusinessKey=" + caseId, worker, null).json())
                .isEmpty();
        assertThat(send("POST", "/engine-rest/user/create", coordinator, """
                {"profile": {"id": "mallory"}, "credentials": {"password": "x"}}""").status()).isEqualTo(403);
    }

    @Test
    void tokensThatMustNotPassAreRefused() throws Exception {
        assertThat(send("GET", "/api/audit/verification", null, null).status()).isEqualTo(401);
        Answer anonymous = send("GET", "/engine-rest/task", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));

        // the demo passwords over HTTP Basic
        String basic = "Basic " + Base64.getEncoder().encodeToString("coordinator:coordinator"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(sendWith("GET", "/api/audit/verification", basic).status()).isEqualTo(401);
        assertThat(sendWith("GET", "/engine-rest/task", basic).status()).isEqualTo(401);

        String auditor = person("auditor");
        assertThat(send("GET", "/api/audit/verification", auditor, null).status()).isEqualTo(200);
        // a bad signature: the payload of another user under the auditor's signature
        String[] parts = auditor.split("\\.");
        String[] other = coordinator.split("\\.");
        assertThat(send("GET", "/api/audit/verification", parts[0] + "." + other[1] + "." + parts[2], null).status())
                .isEqualTo(401);
        // another issuer: the master realm's administrator
        JsonNode master = SharedKeycloak.token(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin"), "master");
        assertThat(send("GET", "/api/audit/verification", master.path("access_token").asText(), null).status())
                .isEqualTo(401);
        // the right realm, but a token meant for another client (no ixbi-api audience)
        JsonNode otherAudience = SharedKeycloak.token(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "auditor", "password", "auditor"));
        assertThat(otherAudience.has("access_token")).as(otherAudience.toString()).isTrue();
        Answer refused = send("GET", "/api/audit/verification", otherAudience.path("access_token").asText(), null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("aud");
        // said as a problem, like every other refusal
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"UNAUTHORIZED\"", "Sign in first");
    }

    @Test
    void aDisabledUserIsRefusedOnceTheTokenExpires() throws Exception {
        SharedKeycloak.setTokenLifespan("ixbi-cli", 3);
        try {
            String auditor = person("auditor");
            SharedKeycloak.setEnabled("auditor", false);
            assertThat(SharedKeycloak.token(Map.of("grant_type", "password", "client_id", "ixbi-cli",
                    "username", "auditor", "password", "auditor")).path("error").asText()).isEqualTo("invalid_grant");
            Thread.sleep(4_000);
            Answer expired = send("GET", "/api/audit/verification", auditor, null);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).contains("expired");
        } finally {
            SharedKeycloak.setEnabled("auditor", true);
            SharedKeycloak.setTokenLifespan("ixbi-cli", null);
        }
    }

    @Test
    void whileKeycloakIsDownValidTokensWorkAndNewSignInsGetA503() throws Exception {
        String auditor = person("auditor");
        assertThat(send("GET", "/api/audit/verification", auditor, null).status()).isEqualTo(200);
        SharedKeycloak.stop();
        try {
            assertThat(send("GET", "/api/audit/verification", auditor, null).status()).isEqualTo(200);
            assertThat(send("GET", "/engine-rest/task", coordinator, null).status()).isEqualTo(200);
            Answer signIn = send("GET", "/oauth2/authorization/keycloak", null, null);
            assertThat(signIn.status()).isEqualTo(503);
            assertThat(signIn.body()).contains("Keycloak", "cannot be reached");
        } finally {
            SharedKeycloak.base();
        }
        Answer back = send("GET", "/oauth2/authorization/keycloak", null, null);
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElse("")).startsWith(SharedKeycloak.issuer())
                .contains("code_challenge_method=S256");
    }

    private Answer send(String method, String path, String token, String body) throws Exception {
        return sendWith(method, path, token == null ? null : "Bearer " + token, body);
    }

    private Answer sendWith(String method, String path, String authorization) throws Exception {
        return sendWith(method, path, authorization, null);
    }

    private Answer sendWith(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }
}
