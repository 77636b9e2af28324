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

/**
 * Adds an access token fetched with the OAuth2 client credentials grant, fetched again a little before it expires,
 * so the bridge's secret stays in its environment and never reaches the FHIR server.
 */
final class ClientCredentialsInterceptor implements IClientInterceptor {

    private static final Duration EARLY = Duration.ofSeconds(30);
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
            // revoked or rotated: the next request fetches a new one
            synchronized (this) {
                expires = Instant.MIN;
            }
        }
    }

    synchronized String token() {
        if (token != null && clock.instant().isBefore(expires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(credentials.clientId())
                + "&client_secret=" + encode(credentials.clientSecret());
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(credentials.tokenUrl())
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new FhirUnavailableException("the token endpoint " + credentials.tokenUrl() + " answered "
                        + answer.statusCode() + " for client " + credentials.clientId(), null);
            }
            JsonNode body = JSON.readTree(answer.body());
            token = body.path("access_token").asText();
            expires = clock.instant().plusSeconds(body.path("expires_in").asLong(60)).minus(EARLY);
            return token;
        } catch (IOException e) {
            throw new FhirUnavailableException("the token endpoint " + credentials.tokenUrl() + " is unreachable: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirUnavailableException("interrupted while fetching a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
