package se.ixbi.processes.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;


import se.ixbi.processes.CaseDriver;
import se.ixbi.testservers.ConsoleSessions;
import se.ixbi.processes.IxbiTest;

/** The role matrix in the embedded default: demo users over HTTP Basic, the webapps' own sign-in form. */
@IxbiTest
class DemoRoleMatrixTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void everyRoleGetsWhatTheMatrixSays() throws Exception {
        String base = "http://localhost:" + port;
        new RoleMatrix(base, RoleMatrix.Mode.DEMO,
                role -> "Basic " + Base64.getEncoder().encodeToString((role + ":" + role)
                        .getBytes(StandardCharsets.UTF_8)),
                role -> signInToTheWebapps(base, role), role -> ConsoleSessions.signIn(base, role), driver).check();
    }

    /** Signs in with the webapps' own form, as their login page does, and reads which applications it opens. */
    private static List<String> signInToTheWebapps(String base, String user) {
        try {
            CookieManager cookies = new CookieManager();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
            // the login page first: it hands out the webapps' CSRF token, which the form sends back
            browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/welcome/default/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String csrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8);
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base
                    + "/camunda/api/admin/auth/user/default/login/welcome"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .header("X-XSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                throw new AssertionError(user + " could not sign in to the webapps: " + login.statusCode() + " "
                        + login.body());
            }
            return RoleMatrix.authorizedApps(login.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
