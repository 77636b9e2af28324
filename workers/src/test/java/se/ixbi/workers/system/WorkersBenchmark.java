package se.ixbi.workers.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.scan.ScanSimulator;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;

/**
 * Not part of the test suite (its name does not end in Test); run it with
 * {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -pl workers test -Dtest=WorkersBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.sizes=256,512]}. Prints:
 * <ol>
 * <li>raw HDF5 in S3 to OME-Zarr in S3 through the engine and a worker node: seconds per step and peak heap;</li>
 * <li>the engine's overhead per external task: 16 workers fetch-and-lock and complete at once, with no work
 * between; latency from the fetch request to the completion's answer, median and p99.</li>
 * </ol>
 */
class WorkersBenchmark {

    private static final String BUCKET = "ixbi-bench";

    @TempDir
    static Path dir;

    static LoopbackSystem system;
    static EngineProcess engine;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        system = LoopbackSystem.start(dir, BUCKET);
        engine = system.engine;
        store = system.store;
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static DemoRun demo() {
        return system.demo(32, 60, new PrintStream(new ByteArrayOutputStream()), Duration.ofMinutes(20));
    }

    @Test
    void endToEndFromS3ToS3() throws Exception {
        int angles = Integer.getInteger("bench.angles", 720);
        String[] sizes = System.getProperty("bench.sizes", "256,512").split(",");
        System.out.printf("%nbench: machine %d cores, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (WorkerNode node = WorkerNode.inProcess(system.worker("bench"))) {
            for (String size : sizes) {
                int n = Integer.parseInt(size.trim());
                DemoRun demo = demo();
                DemoRun.CaseAtBeamline c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(2).toNanos());
                Path scan = dir.resolve("scan-" + n + ".h5");
                ScanSimulator.write(new ScanSimulator.Settings(n, angles, c.energyKev(), c.pixelUm(), c.distanceM(),
                        0.005, 20000, 10, 5, 1, 1000), scan);
                StoredObject raw = store.put(c.rawKey("scan.h5"), scan);
                Files.delete(scan);
                System.gc();
                resetPeaks();
                long t0 = System.nanoTime();
                demo.notifyUpload(c, store.uri(raw.key()).toString(), raw.sha256(), raw.size());
                DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(),
                        System.nanoTime() + Duration.ofMinutes(20).toNanos());
                double seconds = (System.nanoTime() - t0) / 1e9;
                long peak = peakHeap();
                String prefix = store.key(URI.create(outcome.reconstructedUri()));
                JsonNode timings = new ObjectMapper().readTree(store.read(prefix.replace(".zarr", ".provenance.json")))
                        .path("timingsMs");
                System.out.printf("bench: %d³ from %d projections (%d MiB raw), S3 to S3: %.1f s from upload notice "
                        + "to QC (%s), xray.reconstruct %.1f s = download %.1f + reconstruct %.1f + upload %.1f; "
                        + "peak heap %d MiB (worker node, S3 server and harness share this JVM)%n", n, angles,
                        raw.size() >> 20, seconds, outcome.qcPassed() ? "passed" : "failed",
                        timings.path("total").asLong() / 1e3, timings.path("download").asLong() / 1e3,
                        timings.path("reconstruct").asLong() / 1e3, timings.path("upload").asLong() / 1e3,
                        peak >> 20);
            }
        }
    }

    @Test
    void engineOverheadPerExternalTask() throws Exception {
        int cases = Integer.getInteger("bench.cases", 100);
        int workers = 16;
        DemoRun demo = demo();
        ExecutorService setup = Executors.newFixedThreadPool(4);
        List<Future<?>> ready = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            ready.add(setup.submit(() -> {
                DemoRun.CaseAtBeamline c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(5).toNanos());
                demo.notifyUpload(c, "s3://" + BUCKET + "/" + c.rawKey("scan.h5"), "0".repeat(64), 1);
                return null;
            }));
        }
        for (Future<?> f : ready) {
            f.get();
        }
        setup.shutdown();

        // each case offers data.verify, then xray.reconstruct, then xray.qc: three tasks per case, completed with
        // the outputs the contract names and no work in between
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("worker:worker".getBytes(StandardCharsets.UTF_8));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String workerId = "bench-" + w;
            running.add(pool.submit(() -> {
                int empty = 0;
                while (empty < 5) {
                    long t0 = System.nanoTime();
                    JsonNode tasks = new ObjectMapper().readTree(post(http, auth, "/external-task/fetchAndLock", """
                            {"workerId": "%s", "maxTasks": 1, "topics": [
                              {"topicName": "data.verify", "lockDuration": 60000},
                              {"topicName": "xray.reconstruct", "lockDuration": 60000},
                              {"topicName": "xray.qc", "lockDuration": 60000}]}""".formatted(workerId)));
                    if (tasks.isEmpty()) {
                        empty++;
                        Thread.sleep(100);
                        continue;
                    }
                    empty = 0;
                    JsonNode task = tasks.get(0);
                    post(http, auth, "/external-task/" + task.path("id").asText() + "/complete",
                            "{\"workerId\": \"" + workerId + "\", \"variables\": "
                                    + outputs(task.path("topicName").asText(), task.path("id").asText()) + "}");
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        // less the five empty polls, 100 ms apart, by which each worker saw that nothing was left
        double seconds = (System.nanoTime() - started) / 1e9 - 0.5;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%nbench: engine overhead per external task, %d workers, %d tasks: fetch-and-lock to "
                + "complete median %.1f ms, p99 %.1f ms; %.0f tasks/s (engine: H2 file, one JVM, %d cores shared "
                + "with the harness)%n", workers, sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
                sorted.size() / seconds, Runtime.getRuntime().availableProcessors());
    }

    private static String outputs(String topic, String id) {
        return switch (topic) {
            case "data.verify" -> "{\"rawVerified\": {\"value\": true, \"type\": \"Boolean\"}}";
            case "xray.reconstruct" -> """
                    {"reconstructedDatasetId": {"value": "%s", "type": "String"},
                     "reconstructedUri": {"value": "s3://ixbi-bench/bench/%s.zarr", "type": "String"},
                     "reconstructedSha256": {"value": "%s", "type": "String"}}""".formatted(id, id, "0".repeat(64));
            default -> "{\"qcSnr\": {\"value\": 10.0, \"type\": \"Double\"}}";
        };
    }

    private static String post(HttpClient http, String auth, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(engine.engineRest() + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
