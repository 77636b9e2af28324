package se.ixbi.processes.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.IxbiTest;

/**
 * A browser shows its own password dialog when the server answers a Basic challenge. What Tasklist loads before
 * anybody signs in, and any request a browser sends unauthenticated, must not carry one; scripts still get it.
 */
@IxbiTest
class NoPasswordDialogTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path, boolean fromBrowser) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (fromBrowser) {
            request.header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Dest", "iframe");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whatTasklistLoadsBeforeSignInIsServedWithoutAChallenge() throws Exception {
        HttpResponse<String> welcome = get("/camunda-welcome/index.html", true);
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get("/favicon.ico", true).headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aBrowserIsRefusedWithoutAChallengeAndAScriptWithOne() throws Exception {
        HttpResponse<String> browser = get("/api/audit/verification", true);
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();

        HttpResponse<String> script = get("/api/audit/verification", false);
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"IXBI\"");
    }

    @Test
    void theMetricsRefuseABrowserWithoutAChallengeToo() throws Exception {
        HttpResponse<String> browser = get("/actuator/prometheus", true);
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get("/actuator/prometheus", false).headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"IXBI metrics\"");
    }
}
