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
 * authenticated as a named user. Refused requests become exceptions that carry the server's reason; a platform
 * that cannot be reached for a while is waited for.
 */
final class PlatformClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a request keeps being sent while the platform cannot be reached. */
    static final Duration RIDE_THROUGH = Duration.ofMinutes(2);

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

    /**
     * Sends the request as a person would, riding through an engine node that stops or dies behind the proxy: a
     * request that did not arrive (no connection, or the proxy's 502, 503, 504) is sent again for up to
     * {@link #RIDE_THROUGH}. When a change may have arrived before its node died and the second attempt answers 404
     * or 409 (the task is gone, the case is already registered), the first attempt did it: like a person who is
     * told so after an error page, the client moves on, with an empty answer.
     */
    private JsonNode send(String user, HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", signIn.apply(user)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build();
        boolean change = !"GET".equals(built.method());
        boolean unsure = false;
        long deadline = System.nanoTime() + RIDE_THROUGH.toNanos();
        String lastProblem;
        do {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 502 || status == 503 || status == 504) {
                    unsure |= change;
                    lastProblem = "HTTP " + status;
                } else if (unsure && (status == 404 || status == 409)) {
                    return JSON.missingNode();
                } else if (status >= 300) {
                    throw new PlatformException(built.method() + " " + built.uri().getPath() + " as " + user
                            + ": HTTP " + status + " " + response.body());
                } else {
                    return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
                }
            } catch (IOException e) {
                // a refused connection never carried the request; any other loss may have
                unsure |= change && !(e instanceof java.net.ConnectException);
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while calling " + built.uri());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while calling " + built.uri());
            }
        } while (System.nanoTime() < deadline);
        throw new PlatformException("cannot reach " + built.uri() + " for " + RIDE_THROUGH.toSeconds() + " s: "
                + lastProblem);
    }

    static final class PlatformException extends RuntimeException {
        PlatformException(String message) {
            super(message);
        }
    }
}
