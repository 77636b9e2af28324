package se.ixbi.processes.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.IxbiTest;

/** The console's pages carry their own content security policy; the Camunda webapps keep theirs alone. */
@IxbiTest
class ConsolePolicyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void consolePagesAllowScriptsAndFormsOfTheServerOnly() throws Exception {
        HttpResponse<String> signIn = get("/login");
        assertThat(signIn.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("script-src 'self';", "form-action 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void theWebappsGetOnlyCamundasPolicy() throws Exception {
        HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/");
        assertThat(tasklist.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("strict-dynamic");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
