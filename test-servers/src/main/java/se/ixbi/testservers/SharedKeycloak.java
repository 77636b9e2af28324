package se.ixbi.testservers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keycloak, the real distribution from Maven Central (unpacked by this module's build into
 * {@code test-servers/target/keycloak}), in development mode with the realm of {@code deploy/keycloak/ixbi-realm.json}
 * imported; started once per Maven run and shared by the tests of every module (its first start takes about 40 s).
 *
 * <p>Tokens name the issuer {@code http://127.0.0.1:<port>/realms/ixbi} whichever host a request used.
 */
public final class SharedKeycloak {

    public static final String REALM = "ixbi";
    private static final String ADMIN = "admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SharedServer SERVER = new SharedServer("shared-keycloak", Duration.ofMinutes(4));

    private static String base;

    private SharedKeycloak() {
    }

    /** Keycloak's base URL ({@code http://127.0.0.1:port}), starting it if this run has none or it is down. */
    public static synchronized String base() {
        try {
            base = SERVER.acquire(SharedKeycloak::launch, SharedKeycloak::answers);
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the shared Keycloak", e);
        }
    }

    /** The issuer of the {@code ixbi} realm's tokens. */
    public static String issuer() {
        return base() + "/realms/" + REALM;
    }

    public static String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /**
     * Stops Keycloak, for tests of what happens while it is down; {@link #base()} starts it again on the same port
     * with the same realm, keys and users.
     */
    public static synchronized void stop() {
        try {
            SERVER.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An access token for a user of the realm, through the development client {@code ixbi-cli}. */
    public static String passwordToken(String user, String password) {
        return token(Map.of("grant_type", "password", "client_id", "ixbi-cli", "username", user,
                "password", password)).path("access_token").asText();
    }

    /** An access token for a service account (client credentials). */
    public static String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
                .path("access_token").asText();
    }

    /** The token endpoint's whole answer; an error answer is returned as it came (with {@code error}). */
    public static JsonNode token(Map<String, String> form) {
        return token(form, REALM);
    }

    /** The token endpoint's answer from another realm of this Keycloak (e.g. {@code master}). */
    public static JsonNode token(Map<String, String> form, String realm) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    /** Enables or disables a user of the realm, as an administrator does in Keycloak's console. */
    public static void setEnabled(String user, boolean enabled) {
        ObjectNode change = JSON.createObjectNode().put("enabled", enabled);
        admin("PUT", "/users/" + userId(user), change.toString());
    }

    /** Adds redirect URIs to a client of the realm (the tests' random ports). */
    public static void allowRedirects(String clientId, List<String> redirectUris) {
        ObjectNode client = (ObjectNode) admin("GET", "/clients?clientId=" + clientId, null).get(0);
        var uris = client.withArrayProperty("redirectUris");
        for (String uri : redirectUris) {
            if (!uris.toString().contains('"' + uri + '"')) {
                uris.add(uri);
            }
        }
        admin("PUT", "/clients/" + client.path("id").asText(), client.toString());
    }

    /**
     * Sets how long the access tokens a client obtains live, for tests of expiry; null restores the realm's
     * lifespan.
     */
    public static void setTokenLifespan(String clientId, Integer seconds) {
        ObjectNode client = (ObjectNode) admin("GET", "/clients?clientId=" + clientId, null).get(0);
        client.withObjectProperty("attributes").put("access.token.lifespan", seconds == null ? "" : seconds.toString());
        admin("PUT", "/clients/" + client.path("id").asText(), client.toString());
    }

    /** The realm's events of a type (LOGIN, LOGIN_ERROR, ...), newest first. */
    public static JsonNode events(String type) {
        return admin("GET", "/events?type=" + type + "&max=100", null);
    }

    private static String userId(String user) {
        JsonNode found = admin("GET", "/users?exact=true&username=" + user, null);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no user " + user + " in realm " + REALM);
        }
        return found.get(0).path("id").asText();
    }

    private static JsonNode admin(String method, String path, String body) {
        String adminToken = token(base() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", ADMIN));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    private static String token(String url, Map<String, String> form) {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        if (!answer.has("access_token")) {
            throw new IllegalStateException("Keycloak refused a token: " + answer);
        }
        return answer.path("access_token").asText();
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static SharedServer.Started launch(int port, boolean firstOfRun) throws IOException {
        Path home = distribution();
        if (firstOfRun) {
            SharedServer.deleteTree(home.resolve("data/h2"));
        }
        // development mode imports data/import/<realm>-realm.json at start, keeping a realm that already exists
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(SharedServer.root().resolve("deploy/keycloak/ixbi-realm.json"), imports.resolve("ixbi-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        String url = "http://127.0.0.1:" + port;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN);
        List<String> command = List.of("sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--hostname=" + url, "--import-realm");
        return new SharedServer.Started(command, environment, url);
    }

    private static Path distribution() throws IOException {
        Path unpacked = SharedServer.root().resolve("test-servers/target/keycloak");
        try (Stream<Path> found = Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
            return found.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak distribution in " + unpacked
                            + ": the reactor builds test-servers before the tests that use it"));
        }
    }

    private static boolean answers(String url) {
        return url != null && SharedServer.answersOk(url + "/realms/" + REALM + "/.well-known/openid-configuration",
                Duration.ofSeconds(10));
    }
}
