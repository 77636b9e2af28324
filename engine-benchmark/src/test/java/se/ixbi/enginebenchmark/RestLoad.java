package se.ixbi.enginebenchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same REST client against every engine: deploys the one-task model, starts the instances, then drains them
 * with workers that each fetch one task at a time (no long polling) and complete it with no work between.
 */
final class RestLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one drain measured. */
    record Figures(String engine, int completed, double seconds, long fetchP50Micros, long fetchP99Micros,
            int fetches, int serverErrors, List<String> firstErrors) {

        double tasksPerSecond() {
            return completed / seconds;
        }
    }

    /** The account the workers fetch and complete as ({@code -Dbench.user}); plain Camunda ignores it. */
    private static final String WORKER = System.getProperty("bench.user", "worker");

    private final String engineRest;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    RestLoad(String engineRest) {
        this.engineRest = engineRest;
    }

    /** HTTP Basic for a demo user of the project's engine (password = name); plain Camunda ignores it. */
    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    void deploy() throws Exception {
        byte[] model;
        try (InputStream in = RestLoad.class.getResourceAsStream("/one-task.bpmn")) {
            model = in.readAllBytes();
        }
        String boundary = "ixbi" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                + "engine-benchmark\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n--" + boundary + "\r\nContent-Disposition: "
                + "form-data; name=\"data\"; filename=\"one-task.bpmn\"\r\nContent-Type: application/xml\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length() + model.length + tail.length];
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
        System.arraycopy(model, 0, body, head.length(), model.length);
        System.arraycopy(tail, 0, body, head.length() + model.length, tail.length);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(engineRest + "/deployment/create"))
                .header("Authorization", basic("operator"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("deployment: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    void startInstances(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(pool.submit(() -> {
                post("operator", "/process-definition/key/engine-benchmark/start", "{}");
                return null;
            }));
        }
        for (Future<?> f : started) {
            f.get();
        }
        pool.shutdown();
    }

    Figures drain(String engine, int count, int workers) throws Exception {
        AtomicInteger completed = new AtomicInteger();
        List<Long> fetchNanos = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long began = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String workerId = "benchmark-" + w;
            running.add(pool.submit(() -> {
                while (completed.get() < count) {
                    long t0 = System.nanoTime();
                    String fetched = post(WORKER, "/external-task/fetchAndLock", "{\"workerId\": \"" + workerId
                            + "\", \"maxTasks\": 1, \"topics\": [{\"topicName\": \"benchmark\", \"lockDuration\": "
                            + "60000}]}");
                    fetchNanos.add(System.nanoTime() - t0);
                    JsonNode tasks = fetched == null ? JSON.createArrayNode() : JSON.readTree(fetched);
                    if (tasks.isEmpty()) {
                        Thread.sleep(10);
                        continue;
                    }
                    // a completion the engine failed is sent again: the worker still holds the task's lock
                    for (int attempt = 0; attempt < 3; attempt++) {
                        if (post(WORKER, "/external-task/" + tasks.get(0).path("id").asText() + "/complete",
                                "{\"workerId\": \"" + workerId + "\"}") != null) {
                            completed.incrementAndGet();
                            break;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(fetchNanos);
        Collections.sort(sorted);
        return new Figures(engine, completed.get(), seconds, percentile(sorted, 50) / 1000,
                percentile(sorted, 99) / 1000, sorted.size(), serverErrors.get(), List.copyOf(firstErrors));
    }

    /** The answer's body, or null when the engine answered with an error (5xx are counted). */
    private String post(String user, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(engineRest + path))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
            serverErrors.incrementAndGet();
            if (firstErrors.size() < 3) {
                firstErrors.add(path.replaceAll("[0-9a-f-]{36}", "{id}") + ": HTTP " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
            return null;
        }
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1,
                (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
