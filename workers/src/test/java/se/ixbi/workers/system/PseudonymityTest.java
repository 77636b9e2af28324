package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.storage.StoredObject;

/**
 * A patient registered from the clinic with a (test) personal identity number, whose case runs from registration
 * through reconstruction to the report: the number reaches the hospital's FHIR server and the bridge's store, and
 * nothing else — not the engine's database (dumped table by table), not a log, not a stored object, not an
 * {@code /api} answer.
 */
class PseudonymityTest {

    /** Skatteverket's published test personal identity number */
    static final String PNR = "191212121212";
    static final List<String> FORMS = List.of(PNR, "19121212-1212", "121212-1212", "1212121212");

    @TempDir
    static Path dir;

    static EmbeddedPostgres postgres;
    static LoopbackSystem system;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        system = LoopbackSystem.start(dir, "ixbi-pseudonymity",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
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

    @Test
    void thePatientsIdentityNumberReachesTheClinicalRecordAndNothingElse() throws Exception {
        HttpResponse<String> registered = post(system.bridge.baseUrl() + "/cases", "coordinator", Map.of(
                "useCase", "liver-fibrosis", "order", "LEAK-1",
                "patient", Map.of("system", "http://electronichealth.se/identifier/personnummer", "value", PNR)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String caseId = new ObjectMapper().readTree(registered.body()).path("caseId").asText();

        Path workerLog = dir.resolve("worker.log");
        ByteArrayOutputStream demoLog = new ByteArrayOutputStream();
        DemoRun demo = system.demo(40, 60, new PrintStream(demoLog, true), Duration.ofMinutes(3));
        try (WorkerNode ignored = WorkerNode.ownJvm(system.worker("leak"), workerLog)) {
            DemoRun.Outcome outcome = demo.run(caseId);
            assertThat(outcome.qcPassed()).as(demoLog.toString()).isTrue();
            demo.completeTask(caseId, "Task_ConfirmRoi", Map.of("roiCenterXUm", 20.0, "roiCenterYUm", 20.0,
                    "roiCenterZUm", 20.0, "roiSizeUm", 10.0));
            demo.completeTask(caseId, "Task_ReviewFindings", Map.of("findingsSummary", "no fibrosis",
                    "findingsDecision", "approve"));
            awaitStatus(demo, caseId, "COMPLETED");
        }

        // where it belongs: the hospital's server holds the patient, the bridge's store the link
        String patients = get(system.fhirBase() + "/Patient?identifier="
                + "http://electronichealth.se/identifier/personnummer%7C" + PNR, null);
        assertThat(patients).contains(PNR);
        String report = get(system.fhirBase() + "/DiagnosticReport?identifier=https://ixbi.se/fhir/sid/report%7C"
                + caseId + "&_include=DiagnosticReport:subject", null);
        assertThat(report).contains(PNR);
        assertThat(filesHolding(dir.resolve("fhir-bridge"), "bridge.mv.db")).isNotEmpty();

        // and nowhere else
        assertThat(engineDatabaseRowsHolding()).isEmpty();
        assertThat(filesHolding(dir.resolve("engine"), null)).isEmpty();
        assertThat(filesHolding(dir.resolve("fhir-bridge"), ".log")).isEmpty();
        assertThat(holds(Files.readAllBytes(workerLog))).isFalse();
        // every line about the case carries it in the logging context, beside the level
        List<String> aboutCase = Files.readAllLines(workerLog).stream().filter(l -> l.contains("for case " + caseId))
                .toList();
        assertThat(aboutCase).hasSizeGreaterThan(5).allMatch(l -> l.contains(" [" + caseId + "] "));
        assertThat(holds(demoLog.toByteArray())).isFalse();
        List<String> objects = new ArrayList<>();
        for (StoredObject o : system.store.list("")) {
            if (holds(system.store.read(o.key()))) {
                objects.add(o.key());
            }
        }
        assertThat(objects).isEmpty();
        assertThat(system.store.list("cases/" + caseId + "/")).hasSizeGreaterThan(5);
        for (String path : List.of("/api/cases", "/api/cases/" + caseId, "/api/audit?caseId=" + caseId,
                "/api/specimens/" + demo.details(caseId).path("specimens").get(0).path("barcode").asText(),
                "/engine-rest/history/variable-instance?processInstanceBusinessKey=" + caseId,
                "/engine-rest/history/process-instance?processInstanceBusinessKey=" + caseId)) {
            String body = get(system.engine.baseUrl() + path, "coordinator");
            assertThat(body).as(path).isNotBlank();
            assertThat(holds(body.getBytes(StandardCharsets.UTF_8))).as(path).isFalse();
        }
    }

    /** Every row of every table of the engine's PostgreSQL database, byte columns included, as text. */
    static List<String> engineDatabaseRowsHolding() throws Exception {
        List<String> found = new ArrayList<>();
        int tables = 0;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet t = s.executeQuery("select table_schema || '.' || table_name from information_schema.tables"
                    + " where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")) {
                while (t.next()) {
                    names.add(t.getString(1));
                }
            }
            for (String table : names) {
                tables++;
                try (ResultSet rows = s.executeQuery("select * from " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] value = rows.getBytes(i);
                            if (value != null && holds(value)) {
                                found.add(table + " column " + rows.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        assertThat(tables).as("engine tables dumped").isGreaterThan(40);
        return found;
    }

    static List<Path> filesHolding(Path root, String nameEnding) throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if ((nameEnding == null || f.toString().endsWith(nameEnding)) && holds(Files.readAllBytes(f))) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    static boolean holds(byte[] bytes) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        String utf16 = new String(bytes, StandardCharsets.UTF_16LE);
        return FORMS.stream().anyMatch(f -> latin.contains(f) || utf16.contains(f));
    }

    static void awaitStatus(DemoRun demo, String caseId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (status.equals(demo.details(caseId).path("status").asText())) {
                return;
            }
            EngineProcess.sleep(300);
        }
        throw new AssertionError("case " + caseId + " did not reach " + status + ": " + demo.details(caseId));
    }

    static String get(String url, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .header("Cache-Control", "no-cache");
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> post(String url, String user, Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
