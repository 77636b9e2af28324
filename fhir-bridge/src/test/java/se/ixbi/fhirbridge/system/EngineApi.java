package se.ixbi.fhirbridge.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

/** The engine over HTTP as its users drive it: the demo users, password equal to the name. */
public final class EngineApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public EngineApi(String base) {
        this.base = base;
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer send(String user, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                                    : JSON.writeValueAsString(body)));
            if (user != null) {
                request.header("Authorization", basic(user));
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    public JsonNode get(String user, String path) {
        Answer a = send(user, "GET", path, null);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + " as " + user + ": " + a.status() + " " + a.body());
        }
        return a.json();
    }

    public JsonNode caseDetails(String caseId) {
        return get("coordinator", "/api/cases/" + q(caseId));
    }

    /** Registers a case directly with the engine, as a coordinator does without the bridge. */
    public String register(String pseudonym) {
        Answer a = send("coordinator", "POST", "/api/cases", Map.of("useCase", "liver-fibrosis", "pseudonym",
                pseudonym));
        if (a.status() != 201) {
            throw new AssertionError("registration: " + a.status() + " " + a.body());
        }
        return a.json().path("id").asText();
    }

    /** Waits for the user task and completes it as the given user with the form's values. */
    public void completeTask(String user, String caseId, String taskKey, Map<String, Object> values) {
        String id = awaitTask(caseId, taskKey, Duration.ofSeconds(60)).path("id").asText();
        Answer a = send(user, "POST", "/engine-rest/task/" + id + "/complete", Map.of("variables",
                variables(values)));
        if (a.status() != 204) {
            throw new AssertionError("completing " + taskKey + " as " + user + ": " + a.status() + " " + a.body());
        }
    }

    public JsonNode awaitTask(String caseId, String taskKey, Duration timeout) {
        return await(() -> {
            JsonNode tasks = get("coordinator", "/engine-rest/task?processInstanceBusinessKey=" + q(caseId)
                    + "&taskDefinitionKey=" + q(taskKey));
            return tasks.isEmpty() ? null : tasks.get(0);
        }, timeout, "case " + caseId + " at task " + taskKey);
    }

    /** Does a worker's part by hand (topics other than the bridge's are not what these tests are about). */
    public void completeExternal(String caseId, String topic, Map<String, Object> values) {
        JsonNode locked = await(() -> {
            JsonNode fetched = JSON.valueToTree(send("worker", "POST", "/engine-rest/external-task/fetchAndLock",
                    Map.of("workerId", "test-worker", "maxTasks", 1, "topics", java.util.List.of(Map.of(
                            "topicName", topic, "lockDuration", 60000, "businessKey", caseId)))).json());
            return fetched.isEmpty() ? null : fetched.get(0);
        }, Duration.ofSeconds(60), "external task " + topic + " of " + caseId);
        Answer a = send("worker", "POST", "/engine-rest/external-task/" + locked.path("id").asText() + "/complete",
                Map.of("workerId", "test-worker", "variables", variables(values)));
        if (a.status() != 204) {
            throw new AssertionError("completing " + topic + ": " + a.status() + " " + a.body());
        }
    }

    public JsonNode awaitCase(String caseId, Predicate<JsonNode> condition, Duration timeout, String what) {
        return await(() -> {
            JsonNode details = caseDetails(caseId);
            return condition.test(details) ? details : null;
        }, timeout, "case " + caseId + ": " + what);
    }

    /** A variable of the case's main process (history: it may have ended), or null. */
    public JsonNode variable(String caseId, String name) {
        String instance = caseDetails(caseId).path("processInstanceId").asText();
        JsonNode values = get("coordinator", "/engine-rest/history/variable-instance?processInstanceId="
                + q(instance) + "&variableName=" + q(name));
        return values.isEmpty() ? null : values.get(0).path("value");
    }

    public static ObjectNode variables(Map<String, Object> values) {
        ObjectNode vars = JSON.createObjectNode();
        values.forEach((k, v) -> vars.set(k, JSON.createObjectNode().putPOJO("value", v)));
        return vars;
    }

    public static <T> T await(java.util.function.Supplier<T> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            ServerProcess.sleep(250);
        }
        throw new AssertionError("waited " + timeout + " for " + what);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
