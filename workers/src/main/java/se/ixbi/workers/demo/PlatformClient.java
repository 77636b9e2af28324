package se.ixbi.workers.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The platform's HTTP interfaces as its users call them: {@code /api} and {@code /engine-rest}, each request
 * authenticated as a named user. Refused requests become exceptions that carry the server's reason.
 */
final class PlatformClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Function<String, String> signIn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param signIn the {@code Authorization} header of each user the demo acts as */
    PlatformClient(String baseUrl, Function<String, String> signIn) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.signIn = signIn;
    }

    JsonNode get(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body for " + path, e);
        }
    }

    JsonNode put(String user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body for " + path, e);
        }
    }

    /** Completes a user task through {@code /engine-rest} with form values, typed as Camunda expects. */
    void completeTask(String user, String taskId, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", camundaType(value))));
        post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String camundaType(Object value) {
        if (value instanceof Boolean) {
            return "Boolean";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "Long";
        }
        if (value instanceof Number) {
            return "Double";
        }
        return "String";
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(String user, HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", signIn.apply(user)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new PlatformException(built.method() + " " + built.uri().getPath() + " as " + user + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PlatformException("cannot reach " + built.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while calling " + built.uri());
        }
    }

    static final class PlatformException extends RuntimeException {
        PlatformException(String message) {
            super(message);
        }
    }
}
