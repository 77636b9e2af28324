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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The demo's people in Keycloak mode: each signs in with the realm's development client {@code ixbi-cli} (password
 * grant, which a site may remove) and acts with the access token until a minute before it expires.
 */
final class KeycloakPasswordSignIn implements Function<String, String> {

    static final String CLIENT = "ixbi-cli";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record Token(String value, Instant renewAfter) {
    }

    private final URI tokenEndpoint;
    private final Map<String, String> passwords;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /** @param issuer the realm's issuer, e.g. {@code http://localhost:8180/realms/ixbi} */
    KeycloakPasswordSignIn(String issuer, Map<String, String> passwords) {
        this.tokenEndpoint = URI.create((issuer.endsWith("/") ? issuer : issuer + "/")
                + "protocol/openid-connect/token");
        this.passwords = Map.copyOf(passwords);
    }

    @Override
    public String apply(String user) {
        Token token = tokens.compute(user, (name, held) -> held != null && Instant.now().isBefore(held.renewAfter())
                ? held : signIn(name));
        return "Bearer " + token.value();
    }

    private Token signIn(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no password for user " + user);
        }
        String form = "grant_type=password&client_id=" + CLIENT + "&username=" + encoded(user) + "&password="
                + encoded(password);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(tokenEndpoint)
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
                throw new IllegalStateException("Keycloak at " + tokenEndpoint + " did not sign in " + user + ": "
                        + response.statusCode() + " " + answer.path("error_description").asText(response.body()));
            }
            long lifetime = answer.path("expires_in").asLong(60);
            return new Token(answer.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(lifetime - 60, lifetime / 2)));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + tokenEndpoint + " cannot be reached: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
