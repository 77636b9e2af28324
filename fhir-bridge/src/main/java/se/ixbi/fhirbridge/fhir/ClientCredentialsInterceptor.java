package se.ixbi.fhirbridge.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Adds an access token fetched with the OAuth2 client credentials grant (RFC 6749 4.4, the client authenticated with
 * HTTP Basic as 2.3.1 requires every server to accept), fetched again a little before it expires or when the FHIR
 * server answers 401, so the bridge's secret stays in its environment and never reaches the FHIR server.
 */
final class ClientCredentialsInterceptor implements IClientInterceptor {

    /** how long before its expiry a token is replaced, at most: a request must not set out with a dying token */
    private static final Duration LONGEST_MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirServerProperties.ClientCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;

    ClientCredentialsInterceptor(FhirServerProperties.ClientCredentials credentials, HttpClient http, Clock clock) {
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Authorization", "Bearer " + token());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        if (response.getStatus() == 401) {
            // revoked, or the server's keys rotated: the next request fetches a new one
            synchronized (this) {
                expires = Instant.MIN;
            }
        }
    }

    synchronized String token() {
        if (token != null && clock.instant().isBefore(expires)) {
            return token;
        }
        String scope = credentials.scope();
        String form = "grant_type=client_credentials"
                + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope));
        String basic = Base64.getEncoder().encodeToString((encode(credentials.clientId()) + ":"
                + encode(credentials.clientSecret())).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(credentials.tokenUrl())
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new FhirUnavailableException("the token endpoint " + credentials.tokenUrl() + " answered "
                        + answer.statusCode() + " for client " + credentials.clientId() + reason(answer.body()), null);
            }
            JsonNode body = JSON.readTree(answer.body());
            if (!body.path("access_token").isTextual()) {
                throw new FhirUnavailableException("the token endpoint " + credentials.tokenUrl()
                        + " answered without an access_token", null);
            }
            Instant now = clock.instant();
            Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(60));
            Duration margin = lifetime.dividedBy(10).compareTo(LONGEST_MARGIN) < 0 ? lifetime.dividedBy(10)
                    : LONGEST_MARGIN;
            token = body.path("access_token").asText();
            expires = now.plus(lifetime).minus(margin);
            return token;
        } catch (IOException e) {
            throw new FhirUnavailableException("the token endpoint " + credentials.tokenUrl() + " is unreachable: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirUnavailableException("interrupted while fetching a token", e);
        }
    }

    /** The OAuth2 error of a refused request ({@code invalid_client}, ...), which says what to fix. */
    private static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error.path("error").isTextual()) {
                return ": " + error.path("error").asText() + (error.path("error_description").isTextual()
                        ? " (" + error.path("error_description").asText() + ")" : "");
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        return "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
