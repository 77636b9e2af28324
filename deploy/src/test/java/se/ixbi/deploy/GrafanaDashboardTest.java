package se.ixbi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Grafana dashboard asks only for metrics the nodes export, and shows each of the pipeline's. */
class GrafanaDashboardTest {

    /** What the engine's PipelineGauges and the workers' TaskRunner register (docs/observability.md). */
    private static final Set<String> EXPORTED = Set.of("ixbi_external_tasks_waiting", "ixbi_external_tasks_locked",
            "ixbi_external_tasks_failed", "ixbi_incidents_open", "ixbi_cases_active", "ixbi_cases_at_risk",
            "ixbi_cases_late", "ixbi_worker_tasks_seconds_count", "ixbi_worker_tasks_seconds_sum",
            "ixbi_worker_tasks_seconds_bucket", "ixbi_worker_tasks_active");

    @Test
    void everyIxbiMetricItAsksForIsOneTheNodesExportAndEachIsShown() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("grafana",
                "ixbi-dashboard.json")));
        assertThat(dashboard.path("title").asText()).isNotBlank();
        Set<String> asked = new TreeSet<>();
        Matcher m = Pattern.compile("\\bixbi_[a-z_]+").matcher(dashboard.findValuesAsText("expr").toString());
        while (m.find()) {
            asked.add(m.group());
        }
        assertThat(asked).isSubsetOf(EXPORTED);
        assertThat(asked).contains("ixbi_external_tasks_waiting", "ixbi_external_tasks_locked",
                "ixbi_external_tasks_failed", "ixbi_incidents_open", "ixbi_cases_active", "ixbi_cases_late",
                "ixbi_worker_tasks_seconds_bucket", "ixbi_worker_tasks_seconds_count");
    }
}
