package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;

/**
 * The backup and restore of docs/deploy.md, done once: {@code pg_dump} of the running engine's database (Debian's
 * PostgreSQL client; the embedded server ships none) and a mirror of the store's bucket, both restored into fresh
 * servers with {@code pg_restore}; the engine started on them resumes the open cases where they stood.
 */
class BackupRestoreTest {

    private static final String BUCKET = "ixbi-backup";

    @TempDir
    static Path dir;

    @Test
    void aDumpOfTheDatabaseAndAMirrorOfTheStoreRestoreIntoFreshServersWhereTheOpenCasesGoOn() throws Exception {
        Path dump = dir.resolve("ixbi.dump");
        Path mirror = dir.resolve("mirror");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String atRoi;
        DemoRun.CaseAtBeamline atUpload;
        JsonNode volume;
        JsonNode auditBefore;
        try (PausablePostgres postgres = PausablePostgres.start(dir.resolve("postgres-before"));
                LoopbackSystem system = LoopbackSystem.start(dir.resolve("before"), BUCKET, database(postgres))) {
            DemoRun demo = system.demo(48, 90, new PrintStream(log, true), Duration.ofMinutes(4));
            try (WorkerNode ignored = WorkerNode.inProcess(system.worker("before"))) {
                DemoRun.Outcome reconstructed = demo.run();
                assertThat(reconstructed.qcPassed()).as(log.toString()).isTrue();
                atRoi = reconstructed.caseId();
                atUpload = demo.toUpload(System.nanoTime() + Duration.ofMinutes(3).toNanos());
            }
            volume = CaseRunsItselfTest.datasets(demo.details(atRoi), "RECONSTRUCTED").get(0);
            auditBefore = demo.audit();

            // while the engine runs: pg_dump reads one consistent snapshot
            run(List.of("pg_dump", "--format=custom", "--file=" + dump, "--host=localhost",
                    "--port=" + postgres.server().getPort(), "--username=postgres", "postgres"));
            mirror(system.store, mirror);
        }

        try (PausablePostgres postgres = PausablePostgres.start(dir.resolve("postgres-after"))) {
            run(List.of("pg_restore", "--dbname=postgres", "--no-owner", "--exit-on-error", "--host=localhost",
                    "--port=" + postgres.server().getPort(), "--username=postgres", dump.toString()));
            try (LoopbackSystem system = LoopbackSystem.start(dir.resolve("after"), BUCKET, database(postgres))) {
                restore(mirror, system.store);
                DemoRun demo = system.demo(48, 90, new PrintStream(log, true), Duration.ofMinutes(4));

                // the record as it was: the audit trail's chain intact and as long, the volume's every file
                assertThat(demo.audit().path("intact").asBoolean()).isTrue();
                assertThat(demo.audit().path("events").asLong()).isEqualTo(auditBefore.path("events").asLong());
                String prefix = system.store.key(URI.create(volume.path("uri").asText()));
                DatasetTrees.download(system.store, prefix, dir.resolve("restored.zarr"),
                        volume.path("sha256").asText());

                try (WorkerNode ignored = WorkerNode.inProcess(system.worker("after"))) {
                    // the case that waited for its scan takes it now, and passes QC
                    StoredObject raw = CaseLoad.uploadScan(system.store, dir, atUpload, 40, 60,
                            System.nanoTime() + Duration.ofMinutes(1).toNanos());
                    demo.notifyUpload(atUpload, system.store.uri(raw.key()).toString(), raw.sha256(), raw.size());
                    assertThat(demo.follow(atUpload.caseId(), atUpload.barcode(), System.nanoTime()
                            + Duration.ofMinutes(3).toNanos()).qcPassed()).as(log.toString()).isTrue();

                    // the case that waited for its ROI goes on to its report
                    demo.completeTask(atRoi, "Task_ConfirmRoi", Map.of("roiCenterXUm", 20.0, "roiCenterYUm", 20.0,
                            "roiCenterZUm", 20.0, "roiSizeUm", 10.0));
                    demo.completeTask(atRoi, "Task_ReviewFindings", Map.of("findingsSummary", "no fibrosis",
                            "findingsDecision", "approve"));
                    awaitStatus(demo, atRoi, "COMPLETED");
                }
            }
        }
    }

    private static String[] database(PausablePostgres postgres) {
        return new String[] {"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres"};
    }

    /** Every object of the bucket into a folder, as {@code mc mirror} does. */
    private static void mirror(ObjectStore store, Path folder) throws IOException {
        for (StoredObject o : store.list("")) {
            Path copy = folder.resolve(o.key());
            Files.createDirectories(copy.getParent());
            store.download(o.key(), copy, o.sha256());
        }
    }

    private static void restore(Path folder, ObjectStore store) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            store.put(folder.relativize(file).toString().replace('\\', '/'), file);
        }
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is missing: install Debian's postgresql-client "
                    + "(.ci/run does)", e);
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static void awaitStatus(DemoRun demo, String caseId, String status) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (status.equals(demo.details(caseId).path("status").asText())) {
                return;
            }
            EngineProcess.sleep(200);
        }
        throw new AssertionError("case " + caseId + " did not reach " + status + ": " + demo.details(caseId));
    }
}
