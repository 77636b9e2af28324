package se.ixbi.processes.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** {@code /actuator/prometheus}: the scrape account only, and the pipeline's figures as the engine holds them. */
@IxbiTest
class PipelineGaugesTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    @Autowired
    PipelineGauges gauges;

    @Test
    void onlyTheScrapeAccountReadsTheMetrics() {
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
        // a person's account is not the scrape account, whatever its role
        assertThat(rest.withBasicAuth("operator", "operator").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth("prometheus", "guess").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value()).isEqualTo(401);
        ResponseEntity<String> scraped = scrape();
        assertThat(scraped.getStatusCode().value()).isEqualTo(200);
        assertThat(String.valueOf(scraped.getHeaders().getContentType())).startsWith("text/plain");
        assertThat(scraped.getBody()).contains("jvm_memory_used_bytes", "hikaricp_connections_active");
        // and health stays open for the orchestrator's probes
        assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void tasksPerTopicIncidentsAndCasesPerStageFollowTheEngine() {
        gauges.refresh();
        String before = scrape().getBody();
        String waiting = driver.register(1.0);
        driver.toReconstruction(waiting);
        String held = driver.register(1.0);
        driver.toReconstruction(held);
        driver.fetch(held, "xray.reconstruct");
        String failed = driver.register(1.0);
        driver.toReconstruction(failed);
        driver.fail(failed, "xray.reconstruct", "CUDA out of memory");
        String atConsent = driver.register(1.0);

        gauges.refresh();
        String after = scrape().getBody();

        String topic = "topic=\"xray.reconstruct\"";
        assertThat(value(after, "ixbi_external_tasks_waiting", topic))
                .isEqualTo(value(before, "ixbi_external_tasks_waiting", topic) + 1);
        assertThat(value(after, "ixbi_external_tasks_locked", topic))
                .isEqualTo(value(before, "ixbi_external_tasks_locked", topic) + 1);
        assertThat(value(after, "ixbi_external_tasks_failed", topic))
                .isEqualTo(value(before, "ixbi_external_tasks_failed", topic) + 1);
        assertThat(value(after, "ixbi_incidents_open", "type=\"failedExternalTask\""))
                .isGreaterThanOrEqualTo(value(before, "ixbi_incidents_open", "type=\"failedExternalTask\"") + 1);
        assertThat(value(after, "ixbi_cases_active", "stage=\"xray\""))
                .isEqualTo(value(before, "ixbi_cases_active", "stage=\"xray\"") + 3);
        assertThat(value(after, "ixbi_cases_active", "stage=\"consent\""))
                .isEqualTo(value(before, "ixbi_cases_active", "stage=\"consent\"") + 1);
        // a topic with nothing to do says 0 rather than nothing, so that an autoscaler can scale its pool down
        assertThat(after).containsPattern("ixbi_external_tasks_waiting\\{[^}]*topic=\"analysis.fusion\"[^}]*\\} ");
        assertThat(after).containsPattern("ixbi_cases_late\\{[^}]*stage=\"analysis\"[^}]*\\} ");
        assertThat(atConsent).isNotBlank();
    }

    private ResponseEntity<String> scrape() {
        return rest.withBasicAuth("prometheus", "prometheus").getForEntity("/actuator/prometheus", String.class);
    }

    /** The value of the series of this name whose labels include this one; 0 when there is none yet. */
    static double value(String scraped, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scraped);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
