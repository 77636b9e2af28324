package se.ixbi.workers.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The worker node's management port: open probes, metrics for the scrape account only. */
class ManagementServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final PrometheusMeterRegistry registry = new WorkerMetrics().meterRegistry();
    private ManagementServer server;

    @AfterEach
    void stop() {
        server.stop();
        registry.close();
    }

    @Test
    void probesAnswerOpenlyAndReadinessFollowsTheNode() throws Exception {
        server = start(new MetricsProperties(0, "prometheus", null), "demo");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> starting = get("/actuator/health/readiness", null);
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).contains("OUT_OF_SERVICE");

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        HttpResponse<String> ready = get("/actuator/health/readiness", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertThat(get("/actuator/health/readiness", null).statusCode()).as("stopping").isEqualTo(503);
        assertThat(get("/actuator/health/nonsense", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theMetricsNeedTheScrapeAccountAndShowTheTasks() throws Exception {
        server = start(new MetricsProperties(0, "prometheus", "s3cret-scrape"), "keycloak");
        Timer.builder("ixbi.worker.tasks").tags("topic", "xray.reconstruct", "outcome", "completed")
                .publishPercentileHistogram().register(registry).record(java.time.Duration.ofSeconds(42));

        HttpResponse<String> script = get("/actuator/prometheus", null);
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("Basic realm=\"IXBI metrics\""));
        // a browser is refused without the challenge that would pop up its password dialog
        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/actuator/prometheus")).header("Sec-Fetch-Mode", "navigate").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get("/actuator/prometheus", "prometheus:prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> scraped = get("/actuator/prometheus", "prometheus:s3cret-scrape");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes")
                .containsPattern("ixbi_worker_tasks_seconds_count\\{[^}]*outcome=\"completed\",[^}]*"
                        + "topic=\"xray.reconstruct\"\\} 1")
                .containsPattern("ixbi_worker_tasks_seconds_sum\\{[^}]*\\} 42\\.0");
    }

    @Test
    void withoutAPasswordTheKeycloakModeRefusesEveryScrape() throws Exception {
        server = start(new MetricsProperties(0, "prometheus", null), "keycloak");
        assertThat(get("/actuator/prometheus", "prometheus:prometheus").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "prometheus:").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    private ManagementServer start(MetricsProperties properties, String identityMode) {
        // as Spring Boot publishes it once the context is up
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, LivenessState.CORRECT));
        ManagementServer started = new ManagementServer(properties, registry, availability, identityMode);
        started.start();
        assertThat(started.port()).isPositive();
        return started;
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
