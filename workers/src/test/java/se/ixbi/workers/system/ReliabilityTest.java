package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;

/**
 * Failures of real processes: a worker JVM killed mid-reconstruction, the engine killed and restarted on
 * PostgreSQL while tasks run, and many cases at once. Nothing may be lost, done twice to completion, or left
 * half-written.
 */
class ReliabilityTest {

    @TempDir
    static Path dir;

    static EmbeddedPostgres postgres;
    static LoopbackSystem system;
    static EngineProcess engine;
    static ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        system = LoopbackSystem.start(dir, "ixbi-reliability",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
        engine = system.engine;
        store = system.store;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static Map<String, String> worker(String name, String... overrides) {
        return system.worker(name, overrides);
    }

    private static DemoRun demo(ByteArrayOutputStream log) {
        return system.demo(32, 60, new PrintStream(log, true), Duration.ofMinutes(5));
    }

    private static long minutes(int m) {
        return System.nanoTime() + Duration.ofMinutes(m).toNanos();
    }

    private static StoredObject uploadScan(DemoRun.CaseAtBeamline c, int size, int angles) throws Exception {
        return CaseLoad.uploadScan(store, dir, c, size, angles, minutes(2));
    }

    @Test
    void aWorkerKilledInTheMiddleOfAReconstructionIsReplacedAndExactlyOneVolumeExists() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(log);
        DemoRun.CaseAtBeamline c = demo.toUpload(minutes(2));
        StoredObject raw = uploadScan(c, 160, 900);

        WorkerNode doomed = WorkerNode.ownJvm(worker("doomed", "ixbi.workers.lock-duration", "PT6S"),
                dir.resolve("doomed.log"));
        JsonNode reconstructing;
        try {
            demo.notifyUpload(c, store.uri(raw.key()).toString(), raw.sha256(), raw.size());
            reconstructing = awaitWork(demo, c.caseId(), w -> "xray.reconstruct".equals(w.path("topic").asText())
                    && "doomed".equals(w.path("workerId").asText()) && w.path("progressPercent").asInt(100) < 90);
        } finally {
            doomed.kill();
        }
        assertThat(reconstructing.path("progressStep").asText()).isIn("download", "preprocess", "reconstruct");

        DemoRun.Outcome outcome;
        try (WorkerNode rescuer = WorkerNode.inProcess(worker("rescuer"))) {
            outcome = demo.follow(c.caseId(), c.barcode(), minutes(3));
        }

        assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
        assertThat(demo.completedBy(c.caseId(), "Task_Reconstruct")).containsExactly("rescuer");
        JsonNode details = demo.details(c.caseId());
        List<JsonNode> volumes = CaseRunsItselfTest.datasets(details, "RECONSTRUCTED");
        assertThat(volumes).hasSize(1);
        String prefix = store.key(java.net.URI.create(volumes.get(0).path("uri").asText()));
        // the killed worker and its successor wrote the same keys: one volume, one manifest, one provenance, one
        // folder of pictures
        String folder = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        assertThat(store.list(folder).stream().map(o -> o.key().substring(folder.length()).split("/")[0])
                .distinct()).hasSize(4);
        DatasetTrees.download(store, prefix, dir.resolve("rescued.zarr"), volumes.get(0).path("sha256").asText());
    }

    @Test
    void aTaskLongerThanItsLockKeepsItByExtensionWhileAnotherNodeWaits() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(log);
        DemoRun.CaseAtBeamline c = demo.toUpload(minutes(2));
        StoredObject raw = uploadScan(c, 160, 900);

        DemoRun.Outcome outcome;
        int startedA;
        int startedB;
        String xrayTopics = "data.verify,xray.reconstruct,xray.qc";
        try (WorkerNode a = WorkerNode.inProcess(worker("a", "ixbi.workers.lock-duration", "PT2S",
                "ixbi.workers.topics", xrayTopics));
                WorkerNode b = WorkerNode.inProcess(worker("b", "ixbi.workers.lock-duration", "PT2S",
                        "ixbi.workers.topics", xrayTopics))) {
            demo.notifyUpload(c, store.uri(raw.key()).toString(), raw.sha256(), raw.size());
            outcome = demo.follow(c.caseId(), c.barcode(), minutes(3));
            startedA = a.startedTasks();
            startedB = b.startedTasks();
        }
        assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
        // verify, reconstruct, QC: each begun once between the two nodes, though reconstruction outlasts its lock
        String prefix = store.key(java.net.URI.create(outcome.reconstructedUri()));
        long reconstructionMillis = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(store.read(prefix.replace(".zarr", ".provenance.json"))).path("timingsMs").path("total")
                .asLong();
        assertThat(reconstructionMillis).isGreaterThan(2000);
        assertThat(startedA + startedB).isEqualTo(3);
        assertThat(demo.failureLog(c.caseId(), "Task_Reconstruct")).isEmpty();
    }

    @Test
    void aWorkerStoppedGracefullyFinishesTheTaskItHoldsBeforeItExits() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(log);
        DemoRun.CaseAtBeamline c = demo.toUpload(minutes(2));
        StoredObject raw = uploadScan(c, 128, 720);

        // as deployed: the production profile, which logs one JSON object per line
        WorkerNode leaving = WorkerNode.ownJvm(worker("leaving", "ixbi.workers.topics", "data.verify,xray.reconstruct",
                "spring.profiles.active", "production"), dir.resolve("leaving.log"));
        demo.notifyUpload(c, store.uri(raw.key()).toString(), raw.sha256(), raw.size());
        awaitWork(demo, c.caseId(), w -> "xray.reconstruct".equals(w.path("topic").asText())
                && "leaving".equals(w.path("workerId").asText()) && w.path("progressPercent").asInt(100) < 90);
        int exit = leaving.terminate();

        // SIGTERM: no new task was taken, and the one in hand was completed before the JVM ended
        assertThat(exit).isEqualTo(143);
        assertThat(demo.completedBy(c.caseId(), "Task_Reconstruct")).containsExactly("leaving");
        assertThat(CaseRunsItselfTest.datasets(demo.details(c.caseId()), "RECONSTRUCTED")).hasSize(1);
        assertThat(demo.details(c.caseId()).path("pendingWork").findValuesAsText("topic")).containsExactly("xray.qc");
        assertThat(Files.readString(dir.resolve("leaving.log"))).doesNotContain("given back");
        // every line is a JSON object; those about the case carry it, and the topic, as fields
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("leaving.log"))) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        List<JsonNode> aboutCase = lines.stream().filter(l -> l.path("message").asText().contains(c.caseId()))
                .toList();
        assertThat(aboutCase).hasSizeGreaterThanOrEqualTo(2).allSatisfy(l -> {
            assertThat(l.path("caseId").asText()).isEqualTo(c.caseId());
            assertThat(l.path("topic").asText()).isIn("data.verify", "xray.reconstruct");
        });
    }

    @Test
    void theEngineKilledAndRestartedWhileTasksRunLosesNoCase() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(log);
        List<DemoRun.CaseAtBeamline> cases = new ArrayList<>();
        List<StoredObject> scans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DemoRun.CaseAtBeamline c = demo.toUpload(minutes(2));
            cases.add(c);
            scans.add(uploadScan(c, 96, 360));
        }
        try (WorkerNode node = WorkerNode.inProcess(worker("steady", "ixbi.workers.lock-duration", "PT10S"))) {
            for (int i = 0; i < cases.size(); i++) {
                demo.notifyUpload(cases.get(i), store.uri(scans.get(i).key()).toString(), scans.get(i).sha256(),
                        scans.get(i).size());
            }
            awaitWork(demo, cases.get(0).caseId(), w -> w.path("workerId").isTextual());

            engine.stop(true);
            EngineProcess.sleep(2000);
            engine.start();

            for (DemoRun.CaseAtBeamline c : cases) {
                DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(), minutes(3));
                assertThat(outcome.qcPassed()).as(c.caseId() + "\n" + log).isTrue();
            }
        }
        for (DemoRun.CaseAtBeamline c : cases) {
            JsonNode details = demo.details(c.caseId());
            assertThat(CaseRunsItselfTest.datasets(details, "RECONSTRUCTED")).as(c.caseId()).hasSize(1);
            assertThat(details.path("incidents")).as(c.caseId()).isEmpty();
            assertThat(demo.completedBy(c.caseId(), "Task_Reconstruct")).as(c.caseId()).hasSize(1);
        }
    }

    @Test
    void manyConcurrentCasesOnOneWorkerNodeEachCompleteExactlyOnce() throws Exception {
        // the cluster's tests (ClusterFaultsTest) run four times as many, under faults
        int cases = Integer.getInteger("ixbi.reliability.cases", 50);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(log);
        List<DemoRun.Outcome> outcomes;
        double seconds;
        try (WorkerNode node = WorkerNode.inProcess(worker("busy", "ixbi.workers.concurrency", "4"))) {
            // 16 drivers: each case waits for the clinical record twice (consent, biopsy), which they overlap
            CaseLoad load = CaseLoad.start(demo, store, dir, cases, 16, Duration.ofMinutes(10));
            outcomes = load.finish();
            seconds = load.seconds();
        }
        System.out.printf("reliability: %d cases from registration to QC in %.1f s (%.1f cases/min) with 4 worker "
                + "threads on %d cores%n", cases, seconds, cases * 60 / seconds, Runtime.getRuntime().availableProcessors());
        CaseLoad.assertEachExactlyOnce(demo, store, outcomes);
    }

    private static JsonNode awaitWork(DemoRun demo, String caseId, java.util.function.Predicate<JsonNode> test) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode work : demo.details(caseId).path("pendingWork")) {
                if (test.test(work)) {
                    return work;
                }
            }
            EngineProcess.sleep(50);
        }
        throw new AssertionError("case " + caseId + ": the expected work never showed");
    }
}
