package se.ixbi.workers.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.demo.DemoRun;

/**
 * Not part of the test suite (its name does not end in Test); run it with
 * {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -pl workers test -Dtest=ClusterBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.cases=500]}. Drives the cases through the cluster on loopback
 * ({@link ClusterOnLoopback}: two engine nodes on PostgreSQL behind nginx, three worker nodes) from registration
 * through QC and prints cases per minute, and the external tasks' latency from the engine's external task log: from
 * the task's creation to its completion (waiting for a worker, the work, the report), p50 and p99 per activity.
 */
class ClusterBenchmark {

    @TempDir
    static Path dir;

    static ClusterOnLoopback cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterOnLoopback.start(dir, "ixbi-cluster-bench");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void casesThroughTheCluster() throws Exception {
        int cases = Integer.getInteger("bench.cases", 500);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = cluster.demo(40, 60, new PrintStream(log, true), Duration.ofMinutes(30));
        Instant began = Instant.now();
        CaseLoad load = CaseLoad.start(demo, cluster.store, dir, cases, 16, Duration.ofMinutes(30));
        List<DemoRun.Outcome> outcomes = load.finish();
        double seconds = load.seconds();
        CaseLoad.assertEachExactlyOnce(demo, cluster.store, outcomes);

        System.out.printf("cluster: %d cases from registration to QC in %.1f s: %.1f cases/min (2 engine nodes on "
                + "PostgreSQL behind nginx, %d worker nodes, %d cores)%n", outcomes.size(), seconds,
                outcomes.size() * 60 / seconds, ClusterOnLoopback.WORKERS, Runtime.getRuntime().availableProcessors());
        Map<String, List<Long>> latencies = externalTaskLatencies(began);
        List<Long> all = new ArrayList<>();
        latencies.forEach((activity, millis) -> {
            all.addAll(millis);
            System.out.printf("  %-28s %5d tasks  p50 %7d ms  p99 %7d ms%n", activity, millis.size(),
                    percentile(millis, 50), percentile(millis, 99));
        });
        System.out.printf("  %-28s %5d tasks  p50 %7d ms  p99 %7d ms%n", "all external tasks", all.size(),
                percentile(all, 50), percentile(all, 99));
        System.out.printf("  HTTP 5xx through the proxy: %d%n", cluster.proxy.serverErrors().size());
    }

    /**
     * Created-to-completed time of every external task completed since {@code began}, by activity: from the external
     * task log, the creation's and the success's timestamps of each task.
     */
    private static Map<String, List<Long>> externalTaskLatencies(Instant began) throws Exception {
        String since = java.net.URLEncoder.encode(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(java.time.ZoneOffset.UTC).format(began),
                StandardCharsets.UTF_8);
        Map<String, Instant> created = new java.util.HashMap<>();
        for (JsonNode entry : history("/history/external-task-log?creationLog=true&timestampAfter=" + since)) {
            created.put(entry.path("externalTaskId").asText(), timestamp(entry));
        }
        Map<String, List<Long>> byActivity = new TreeMap<>();
        for (JsonNode entry : history("/history/external-task-log?successLog=true&timestampAfter=" + since)) {
            Instant start = created.get(entry.path("externalTaskId").asText());
            if (start != null) {
                byActivity.computeIfAbsent(entry.path("activityId").asText(), k -> new ArrayList<>())
                        .add(Duration.between(start, timestamp(entry)).toMillis());
            }
        }
        return byActivity;
    }

    private static Instant timestamp(JsonNode entry) {
        return java.time.OffsetDateTime.parse(entry.path("timestamp").asText(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }

    private static JsonNode history(String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                cluster.proxy.baseUrl() + "/engine-rest" + query + "&maxResults=1000000"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "coordinator:coordinator".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(query + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return new ObjectMapper().readTree(r.body());
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
