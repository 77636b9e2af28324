package se.ixbi.fhirbridge.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.ixbi.serviceidentity.EngineAuthorization;

/** The engine's domain API, as the bridge's service account or on behalf of the person calling the bridge. */
@Component
public class EngineClient {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final EngineProperties properties;
    private final EngineAuthorization serviceAccount;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    EngineClient(EngineProperties properties, EngineAuthorization serviceAccount) {
        this.properties = properties;
        this.serviceAccount = serviceAccount;
    }

    /** The case as the engine knows it; fails (to be retried) when the engine cannot be asked. */
    public CaseFile caseFile(String caseId) {
        Answer answer = send("GET", "/api/cases/" + encode(caseId), null, serviceAccount());
        if (answer.status() != 200) {
            throw new IllegalStateException("the engine answered " + answer.status() + " for case " + caseId + ": "
                    + answer.body());
        }
        try {
            return JSON.readValue(answer.body(), CaseFile.class);
        } catch (IOException e) {
            throw new IllegalStateException("the engine's answer for case " + caseId + " is not a case: "
                    + e.getMessage(), e);
        }
    }

    /** Registers a case as the person calling the bridge, whose credentials the engine checks itself. */
    public Answer registerCase(String authorization, Map<String, Object> registration) {
        return send("POST", "/api/cases", json(registration), authorization);
    }

    /** The cases the caller may see; used to find the case of a pseudonym the engine already has. */
    public Answer listCases(String authorization) {
        return send("GET", "/api/cases", null, authorization);
    }

    /** Withdraws consent for the case, as the bridge: 202 done, 409 already withdrawn or closed, 404 unknown. */
    public Answer withdraw(String caseId, String reason) {
        return send("POST", "/api/cases/" + encode(caseId) + "/consent/withdrawal", json(Map.of("reason", reason)),
                serviceAccount());
    }

    private Answer send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse("application/json"));
        } catch (IOException e) {
            throw new EngineUnavailableException("the engine at " + properties.url() + " did not answer: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while calling the engine", e);
        }
    }

    private String serviceAccount() {
        return serviceAccount.get();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static <T> T read(String body, Class<T> type) throws IOException {
        return JSON.readValue(body, type);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The engine's answer, passed on as it is where the bridge speaks for a caller. */
    public record Answer(int status, String body, String contentType) {
    }
}
