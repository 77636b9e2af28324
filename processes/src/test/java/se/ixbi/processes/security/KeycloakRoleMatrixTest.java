package se.ixbi.processes.security;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;


import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.KeycloakModeTest;
import se.ixbi.testservers.SharedKeycloak;

/**
 * The role matrix in Keycloak mode: people's tokens from the realm, the service accounts' client credentials, and
 * for the webapps the sign-in through Keycloak's page, followed redirect by redirect as a browser does.
 */
class KeycloakRoleMatrixTest extends KeycloakModeTest {

    private static final Map<String, String> SERVICE_SECRETS = Map.of("worker", "ixbi-worker-dev-secret",
            "fhir-bridge", "ixbi-fhir-bridge-dev-secret");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void everyRoleGetsWhatTheMatrixSays() throws Exception {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        Map<String, String> tokens = new java.util.HashMap<>();
        new RoleMatrix(base, RoleMatrix.Mode.KEYCLOAK,
                role -> "Bearer " + tokens.computeIfAbsent(role, r -> SERVICE_SECRETS.containsKey(r)
                        ? SharedKeycloak.clientToken("ixbi-" + r, SERVICE_SECRETS.get(r))
                        : SharedKeycloak.passwordToken(r, r)),
                role -> signInToTheWebapps(base, role), role -> signIn(base, "/", role), driver).check();
    }

    /** Keycloak's sign-in page, then the webapps with the session it opens: which applications they give. */
    private static List<String> signInToTheWebapps(String base, String user) {
        try {
            HttpClient browser = signIn(base, "/camunda/app/cockpit/default/", user);
            HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(base
                    + "/camunda/api/admin/auth/user/default")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (me.statusCode() != 200) {
                throw new AssertionError(user + " is not signed in to the webapps: " + me.statusCode() + " "
                        + me.body());
            }
            return RoleMatrix.authorizedApps(me.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a page as a browser does: sent to Keycloak's sign-in page, the form filled in, then redirect by redirect
     * back; returns the browser, with its session.
     */
    private static HttpClient signIn(String base, String page, String user) {
        try {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(loopbackCookies())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> signInPage = follow(browser, URI.create(base + page));
            Matcher action = FORM_ACTION.matcher(signInPage.body());
            if (!action.find()) {
                throw new AssertionError("no sign-in form at " + signInPage.uri() + ": " + signInPage.body());
            }
            URI post = URI.create(action.group(1).replace("&amp;", "&"));
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&credentialId=";
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(post)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> landed = follow(browser, signedIn);
            if (!landed.uri().toString().startsWith(base)) {
                throw new AssertionError(user + " did not come back from Keycloak: the sign-in answered "
                        + signedIn.statusCode() + " and ended at " + landed.statusCode() + " " + landed.uri());
            }
            return browser;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cookies as a browser keeps them for a server on loopback: Keycloak marks its sign-in cookies {@code Secure},
     * which browsers send to {@code http://127.0.0.1} (a secure context) but Java's cookie store only over HTTPS.
     */
    private static CookieManager loopbackCookies() {
        CookieStore store = new CookieManager().getCookieStore();
        return new CookieManager(new CookieStore() {
            @Override
            public void add(URI uri, HttpCookie cookie) {
                cookie.setSecure(false);
                store.add(uri, cookie);
            }

            @Override
            public List<HttpCookie> get(URI uri) {
                return store.get(uri);
            }

            @Override
            public List<HttpCookie> getCookies() {
                return store.getCookies();
            }

            @Override
            public List<URI> getURIs() {
                return store.getURIs();
            }

            @Override
            public boolean remove(URI uri, HttpCookie cookie) {
                return store.remove(uri, cookie);
            }

            @Override
            public boolean removeAll() {
                return store.removeAll();
            }
        }, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    }

    private static HttpResponse<String> follow(HttpClient browser, URI start) throws Exception {
        return follow(browser, browser.send(HttpRequest.newBuilder(start).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpResponse<String> follow(HttpClient browser, HttpResponse<String> response) throws Exception {
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = browser.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }
}
