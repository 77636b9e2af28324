package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.testservers.ConsoleSessions;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.demo.FullCase;
import se.ixbi.workers.omezarr.ZarrVolume;
import se.ixbi.workers.omics.OmicsSection;
import se.ixbi.workers.scan.ScanSet;
import se.ixbi.workers.scan.ScanSimulator;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.S3TestServer;
import se.ixbi.workers.storage.StoredObject;
import se.ixbi.workers.vem.FibSemBlock;

/**
 * The whole system on loopback: the engine's jar in its own JVM, an S3 server, and worker nodes. Cases are driven
 * through the HTTP API as the demo users drive them; the workers verify, reconstruct and check real scans.
 */
class CaseRunsItselfTest {

    private static final String BUCKET = "ixbi-system";

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
        if (system != null) {
            system.close();
        }
    }

    private static Map<String, String> workerProperties(String name) {
        return system.worker(name);
    }

    private static DemoRun demo(int size, int angles, ByteArrayOutputStream log) {
        return system.demo(size, angles, new PrintStream(log, true), Duration.ofMinutes(3));
    }

    @Test
    void aSyntheticCaseRunsFromRegistrationToAQualityCheckedVolumeInS3() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun.Outcome outcome;
        String workerMetrics;
        try (WorkerNode node = WorkerNode.inProcess(workerProperties("happy"))) {
            outcome = demo(48, 90, log).run();
            workerMetrics = scrape("http://127.0.0.1:" + node.managementPort());
        }
        // what the node did, as Prometheus sees it: the case's verification and reconstruction, each completed
        for (String topic : List.of("data.verify", "xray.reconstruct")) {
            assertThat(workerMetrics).containsPattern("ixbi_worker_tasks_seconds_count\\{[^}]*outcome=\"completed\","
                    + "[^}]*topic=\"" + java.util.regex.Pattern.quote(topic) + "\"\\} [1-9]");
        }
        // and the engine's figures: the case is at the X-ray stage (refreshed every second in this test)
        assertThat(awaitMetric(engine.baseUrl(), "ixbi_cases_active\\{[^}]*stage=\"xray\"[^}]*\\} [1-9]"))
                .contains("ixbi_external_tasks_waiting");

        assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
        // the worker proposes regions of interest; the coordinator's confirmation form starts from the first
        JsonNode confirm = awaitUserTask("coordinator", outcome.caseId(), "Task_ConfirmRoi");
        JsonNode roi = new ObjectMapper().readTree(engineRest("coordinator", "GET", "/task/"
                + confirm.path("id").asText() + "/variables", null));
        assertThat(roi.path("roiProposal").path("value").asText()).isNotBlank();
        for (String axis : new String[] {"X", "Y", "Z"}) {
            // inside the 48-voxel volume (the plan's pixel is under 2 µm)
            double value = roi.path("roiCenter" + axis + "Um").path("value").asDouble();
            assertThat(value).isBetween(0.0, 96.0);
            // the confirmation form accepts one decimal; more would block its Complete button
            assertThat(value * 10).isEqualTo(Math.rint(value * 10));
        }
        assertThat(roi.path("roiSizeUm").path("value").asDouble()).isBetween(10.0, 60.0);
        JsonNode details = demo(48, 90, log).details(outcome.caseId());
        assertThat(details.path("stage").asText()).isEqualTo("XRAY");
        List<JsonNode> volumes = datasets(details, "RECONSTRUCTED");
        assertThat(datasets(details, "RAW")).hasSize(1);
        assertThat(volumes).hasSize(1);
        JsonNode volume = volumes.get(0);
        String prefix = store.key(URI.create(volume.path("uri").asText()));
        assertThat(prefix).matches("cases/" + outcome.caseId() + "/" + outcome.barcode()
                + "/xray/reconstructed/[0-9a-f-]{36}\\.zarr");
        assertThat(volume.path("specimenBarcode").asText()).isEqualTo(outcome.barcode());

        // what the engine recorded is what is in the store: the manifest's checksum, every file verified on read
        Path copy = dir.resolve("copy-" + outcome.caseId() + ".zarr");
        var manifest = DatasetTrees.download(store, prefix, copy, volume.path("sha256").asText());
        assertThat(manifest.totalSize()).isEqualTo(volume.path("sizeBytes").asLong());
        ZarrVolume level0 = ZarrVolume.read(copy.resolve("0"));
        assertThat(new int[] {level0.depth(), level0.height(), level0.width()}).containsExactly(48, 48, 48);
        // tissue in the middle of the phantom, air in the corners of the central slice
        double tissue = level0.at(24, 24, 24);
        double air = level0.at(24, 2, 2);
        assertThat(tissue).isGreaterThan(air + 5 * Math.abs(air) + 1e-3);
        JsonNode provenance = new ObjectMapper().readTree(store.read(prefix.replace(".zarr", ".provenance.json")));
        assertThat(provenance.path("parameters").path("phase").asText()).isEqualTo("paganin");
        assertThat(provenance.path("input").path("uri").asText()).endsWith("/xray/raw/scan.h5");
        // ixbi.reconstruction.backend auto: the GPU where CUDA works (and the method is fbp), the CPU here
        assertThat(provenance.path("backend").asText())
                .isEqualTo(CudaRuntime.availability().available()
                        && provenance.path("parameters").path("method").asText().equals("fbp") ? "cuda" : "cpu");
        assertThat(demo(48, 90, log).xrayVariable(outcome.caseId(), "qcSnr").asDouble()).isGreaterThanOrEqualTo(3);
        assertThat(demo(48, 90, log).xrayVariable(outcome.caseId(), "qcMinSnr").asDouble()).as("the bound beside it")
                .isEqualTo(3.0);
        assertThat(log.toString()).contains("received at the beamline", "the workers take over");

        // the console shows three slices through the volume, which the engine reads from S3 for the browser
        Map<String, BufferedImage> pictures = consolePictures(outcome.caseId());
        assertThat(pictures.keySet()).hasSize(3).allMatch(c -> c.matches(
                "Reconstructed X-ray volume, (XY slice at z|XZ slice at y|YZ slice at x) = \\d+ µm"));
        // a 48³ cube drawn 512 pixels square under a 30-pixel title: tissue in the middle, air in the XY corner
        BufferedImage xy = pictures.entrySet().stream().filter(e -> e.getKey().contains("XY")).findFirst()
                .orElseThrow().getValue();
        assertThat(xy.getWidth()).isEqualTo(528);
        assertThat(grey(xy, 30 + 256, 8 + 256)).isGreaterThan(grey(xy, 30 + 20, 8 + 20) + 40);
    }

    @Test
    void badUploadsAreRefusedWithTheirReasonAndTheCaseWaitsForTheNextUpload() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(40, 60, log);
        DemoRun.CaseAtBeamline c;
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("bad"))) {
            c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(2).toNanos());
            Path good = dir.resolve(c.caseId() + "-good.h5");
            ScanSimulator.write(new ScanSimulator.Settings(40, 60, c.energyKev(), c.pixelUm(), c.distanceM(), 0.005,
                    20000, 4, 2, 3, 3000), good);

            // nothing at the URI
            demo.notifyUpload(c, store.uri(c.rawKey("never-uploaded.h5")).toString(), "0".repeat(64), 10);
            assertThat(refusal(demo, c)).contains("no object at");

            // a checksum that is not the object's
            StoredObject wrongSum = store.put(c.rawKey("wrong-sum.h5"), good);
            demo.notifyUpload(c, store.uri(wrongSum.key()).toString(), "ab".repeat(32), wrongSum.size());
            assertThat(refusal(demo, c)).contains("SHA-256");

            // cut off half way, announced with its own checksum and size
            Path truncated = dir.resolve(c.caseId() + "-truncated.h5");
            byte[] bytes = Files.readAllBytes(good);
            Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
            StoredObject half = store.put(c.rawKey("truncated.h5"), truncated);
            demo.notifyUpload(c, store.uri(half.key()).toString(), half.sha256(), half.size());
            assertThat(refusal(demo, c)).containsAnyOf("truncated", "damaged");

            // flat fields of another detector size
            StoredObject shapes = upload(c, "shapes.h5", scan(c, "shapes.h5", 16, 8, false));
            demo.notifyUpload(c, store.uri(shapes.key()).toString(), shapes.sha256(), shapes.size());
            assertThat(refusal(demo, c)).contains("data_white").contains("16 × 16");

            // not a number in a projection
            StoredObject nan = upload(c, "nan.h5", scan(c, "nan.h5", 16, 16, true));
            demo.notifyUpload(c, store.uri(nan.key()).toString(), nan.sha256(), nan.size());
            assertThat(refusal(demo, c)).contains("NaN");

            // and the case takes the next, good upload all the way
            StoredObject ok = store.put(c.rawKey("scan.h5"), good);
            demo.notifyUpload(c, store.uri(ok.key()).toString(), ok.sha256(), ok.size());
            DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(),
                    System.nanoTime() + Duration.ofMinutes(2).toNanos());
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
        }
        JsonNode details = demo.details(c.caseId());
        // every notified upload stays on record; one volume came of them
        assertThat(datasets(details, "RAW")).hasSize(6);
        assertThat(datasets(details, "RECONSTRUCTED")).hasSize(1);
        assertThat(details.path("incidents")).isEmpty();
    }

    /**
     * The plan names several propagation distances; the beamline uploads one scan per distance as a scan set (a tree
     * with its manifest), and the worker retrieves the phase by CTF over all of them. A set taken at other distances
     * than the plan's is refused before anything is computed.
     */
    @Test
    void oneScanPerPlannedDistanceIsReconstructedByCtfAndASetAtOtherDistancesIsRefused() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(40, 60, log);
        DemoRun.CaseAtBeamline c;
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("ctf"))) {
            c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(2).toNanos());
            List<Double> planned = c.plannedDistancesM();
            assertThat(planned).as("the demo case's plan").hasSizeBetween(2, ScanSet.MAX_DISTANCES);

            // the plan's distances but the last
            String wrong = uploadScanSet(c, "short", planned.subList(0, planned.size() - 1), demo);
            assertThat(refusal(demo, c)).contains("the scan set is taken at").contains("the acquisition plan names");
            assertThat(wrong).isNotBlank();

            String holo = uploadScanSet(c, "holo", planned, demo);
            DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(),
                    System.nanoTime() + Duration.ofMinutes(3).toNanos());
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();

            JsonNode details = demo.details(c.caseId());
            List<JsonNode> raw = datasets(details, "RAW");
            assertThat(raw).extracting(d -> d.path("uri").asText() + " " + d.path("status").asText())
                    .containsExactlyInAnyOrder(wrong + " REFUSED", holo + " CURRENT");
            List<JsonNode> volumes = datasets(details, "RECONSTRUCTED");
            assertThat(volumes).hasSize(1);
            String prefix = store.key(URI.create(volumes.get(0).path("uri").asText()));
            JsonNode provenance = new ObjectMapper().readTree(store.read(prefix.replace(".zarr", ".provenance.json")));
            assertThat(provenance.path("parameters").path("phase").asText()).isEqualTo("ctf");
            List<Double> used = new java.util.ArrayList<>();
            provenance.path("parameters").path("distancesM").forEach(d -> used.add(d.asDouble()));
            assertThat(used).containsExactlyElementsOf(planned);
            assertThat(provenance.path("input").path("uri").asText()).isEqualTo(holo);
            assertThat(provenance.path("input").path("scans")).hasSize(planned.size());

            Path copy = dir.resolve("copy-" + c.caseId() + ".zarr");
            DatasetTrees.download(store, prefix, copy, volumes.get(0).path("sha256").asText());
            ZarrVolume level0 = ZarrVolume.read(copy.resolve("0"));
            // tissue in the middle of the phantom, air in the corners of the central slice
            assertThat((double) level0.at(20, 20, 20)).isGreaterThan(level0.at(20, 2, 2) + 1e-3);
        }
    }

    /** Simulates one scan per distance as the plan says, stores the set as a tree and notifies it; its URI. */
    private static String uploadScanSet(DemoRun.CaseAtBeamline c, String name, List<Double> distancesM, DemoRun demo)
            throws java.io.IOException {
        Path folder = Files.createDirectories(dir.resolve(c.caseId() + "-" + name));
        List<ScanSet.Scan> scans = new java.util.ArrayList<>();
        for (int d = 0; d < distancesM.size(); d++) {
            String file = "z" + d + ".h5";
            ScanSimulator.write(new ScanSimulator.Settings(40, 60, c.energyKev(), c.pixelUm(), distancesM.get(d),
                    0.005, 20000, 4, 2, 3, 3000 + d), folder.resolve(file));
            scans.add(new ScanSet.Scan(file, distancesM.get(d) * 1000));
        }
        new ScanSet(scans).write(folder);
        DatasetTrees.Uploaded uploaded = DatasetTrees.upload(store, folder, c.rawKey(name));
        String uri = store.uri(c.rawKey(name)).toString();
        demo.notifyUpload(c, uri, uploaded.manifestObject().sha256(), uploaded.manifest().totalSize());
        return uri;
    }

    @Test
    void aTechnicalFailureIsRetriedWithBackoffThenBecomesAnIncidentThatAnOperatorResolves() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(40, 60, log);
        DemoRun.CaseAtBeamline c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(2).toNanos());
        Path scan = dir.resolve(c.caseId() + "-ok.h5");
        ScanSimulator.write(new ScanSimulator.Settings(40, 60, c.energyKev(), c.pixelUm(), c.distanceM(), 0.005,
                20000, 4, 2, 5, 5000), scan);
        StoredObject raw = store.put(c.rawKey("scan.h5"), scan);

        // a node whose S3 service goes away after it started: every store call fails
        JsonNode incident;
        try (S3TestServer lost = S3TestServer.start()) {
            Map<String, String> properties = new java.util.LinkedHashMap<>(WorkerNode.properties(engine.engineRest(),
                    lost, BUCKET, dir.resolve("scratch-lost")));
            properties.put("ixbi.workers.retries", "2");
            try (WorkerNode ignored = WorkerNode.inProcess(properties)) {
                lost.close();
                demo.notifyUpload(c, store.uri(raw.key()).toString(), raw.sha256(), raw.size());
                incident = awaitIncident(demo, c.caseId());
            }
        }
        assertThat(incident.path("activityId").asText()).isEqualTo("Task_VerifyRawData");
        assertThat(incident.path("message").asText()).contains("StorageException", "cannot");
        JsonNode work = demo.details(c.caseId()).path("pendingWork").get(0);
        assertThat(work.path("retries").asInt()).isZero();

        // three attempts, one second and then two seconds apart
        List<JsonNode> failures = demo.failureLog(c.caseId(), "Task_VerifyRawData");
        assertThat(failures).hasSize(3);
        List<java.time.OffsetDateTime> at = failures.stream()
                .map(f -> java.time.OffsetDateTime.parse(f.path("timestamp").asText(),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")))
                .sorted().toList();
        assertThat(Duration.between(at.get(0), at.get(1)).toMillis()).isGreaterThanOrEqualTo(900);
        assertThat(Duration.between(at.get(1), at.get(2)).toMillis()).isGreaterThanOrEqualTo(1900);

        // the store is back (a node on the healthy one) and the operator retries the task, as in Cockpit
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("healthy"))) {
            demo.retry("operator", c.caseId(), "data.verify");
            DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(),
                    System.nanoTime() + Duration.ofMinutes(2).toNanos());
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
        }
    }

    private static JsonNode awaitIncident(DemoRun demo, String caseId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode incidents = demo.details(caseId).path("incidents");
            if (!incidents.isEmpty()) {
                return incidents.get(0);
            }
            EngineProcess.sleep(200);
        }
        throw new AssertionError("no incident for case " + caseId);
    }

    @Test
    void withdrawnConsentQuarantinesEveryObjectOfTheCaseAndDeletesNothing() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(40, 60, log);
        DemoRun.Outcome outcome;
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("quarantine"))) {
            outcome = demo.run();
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
            String prefix = "cases/" + outcome.caseId() + "/";
            List<String> before = store.list(prefix).stream().map(StoredObject::key).toList();
            HttpClient coordinator = ConsoleSessions.signIn(engine.baseUrl(), "coordinator");
            List<String> links = pictureLinks(coordinator, outcome.caseId()).keySet().stream().toList();
            assertThat(links).hasSize(3);

            engineRest("clinician", "POST", "/../api/cases/" + outcome.caseId() + "/consent/withdrawal",
                    "{\"reason\": \"the patient asked to withdraw\"}");
            awaitStatus(demo, outcome.caseId(), "WITHDRAWN");
            // the FHIR bridge updates the same Consent in the clinical record, and the case's process ends
            awaitFhir("Consent?identifier=https://ixbi.se/fhir/sid/consent%7C" + outcome.caseId() + "&status=inactive");
            awaitProcessEnd(outcome.caseId());

            JsonNode listing = new ObjectMapper().readTree(store.read("quarantine/cases/" + outcome.caseId() + ".json"));
            assertThat(listing.path("objects").findValuesAsText("uri"))
                    .containsExactlyInAnyOrderElementsOf(before.stream().map(k -> store.uri(k).toString()).toList());
            assertThat(before).hasSizeGreaterThan(5);
            // nothing deleted
            assertThat(store.list(prefix).stream().map(StoredObject::key).toList()).isEqualTo(before);
            // the console shows none of the case's pictures and serves none, though they are still in the store
            assertThat(pictureLinks(coordinator, outcome.caseId())).isEmpty();
            assertThat(get(coordinator, links.get(0)).statusCode()).isEqualTo(403);
            // and nothing of it can be processed any more
            ObjectStore guarded = new se.ixbi.workers.storage.QuarantineGuard(store);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guarded.read(before.get(0)))
                    .isInstanceOf(se.ixbi.workers.storage.QuarantinedException.class)
                    .hasMessageContaining(outcome.caseId());
        }
    }

    /** The README's way: a scan simulated for a case takes the case's plan, and so passes its QC. */
    @Test
    void aScanSimulatedForACaseWithItsPlanPassesTheCasesQc() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(48, 90, log);
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("simulated"))) {
            DemoRun.CaseAtBeamline c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(2).toNanos());
            Path scan = dir.resolve(c.caseId() + "-simulated.h5");
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            PrintStream err = System.err;
            int exit;
            try {
                System.setErr(new PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
                exit = se.ixbi.workers.WorkersCommand.commandLine().execute("simulate-scan", "--case", c.caseId(),
                        "--url", engine.baseUrl(), "--output", scan.toString(), "--size", "48", "--angles", "90");
            } finally {
                System.setErr(err);
            }
            assertThat(exit).as(said.toString()).isZero();
            assertThat(said.toString()).contains("case " + c.caseId() + ": acquisition plan " + c.energyKev()
                    + " keV, " + c.pixelUm() + " µm pixels");
            StoredObject uploaded = store.put(c.rawKey("simulated.h5"), scan);
            demo.notifyUpload(c, store.uri(uploaded.key()).toString(), uploaded.sha256(), uploaded.size());
            DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(),
                    System.nanoTime() + Duration.ofMinutes(2).toNanos());
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
        }
    }

    @Test
    void theFullDemoRunsACaseWithEveryScopeToCompleted() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(64, 180, log).withVolumeEm().withSpatialOmics().withCells(FullCase.CELLS);
        FullCase.Result result;
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("full"))) {
            result = new FullCase(demo).run();
        }
        System.out.println(String.join(System.lineSeparator(), result.figures()));

        assertThat(result.status()).as(log.toString()).isEqualTo("COMPLETED");
        assertThat(result.figures()).anyMatch(f -> f.matches("vEM block registered to the X-ray volume: precision "
                + "\\d+\\.\\d+ µm, overlap .*"));
        assertThat(result.figures()).anyMatch(f -> f.matches("omics section registered to the X-ray volume: precision "
                + "\\d+\\.\\d+ µm, .*"));
        assertThat(result.figures()).anyMatch(f -> f.startsWith("findings: X-ray: ") && f.contains("cell types"));
        JsonNode details = demo.details(result.caseId());
        assertThat(details.path("openTasks")).isEmpty();
        assertThat(details.path("pendingWork")).isEmpty();
        List<String> current = new java.util.ArrayList<>();
        details.path("datasets").forEach(d -> {
            if ("CURRENT".equals(d.path("status").asText())) {
                current.add(d.path("modality").asText() + " " + d.path("level").asText());
            }
        });
        assertThat(current).contains("XRAY RAW", "XRAY RECONSTRUCTED", "VEM RAW", "VEM RECONSTRUCTED", "OMICS RAW",
                "OMICS RECONSTRUCTED", "FUSION ANALYSED");
    }

    @Test
    void withDataSharingConsentTheCaseEndsWithAChecksummedDataProduct() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(40, 60, log);
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("publish"))) {
            // first an upload that is refused: it stays on record but must not be published
            DemoRun.CaseAtBeamline c = demo.toUpload(System.nanoTime() + Duration.ofMinutes(2).toNanos());
            Path scan = dir.resolve(c.caseId() + "-publish.h5");
            ScanSimulator.write(new ScanSimulator.Settings(40, 60, c.energyKev(), c.pixelUm(), c.distanceM(), 0.005,
                    20000, 4, 2, 9, 9000), scan);
            StoredObject refused = store.put(c.rawKey("wrong-sum.h5"), scan);
            demo.notifyUpload(c, store.uri(refused.key()).toString(), "ab".repeat(32), refused.size());
            assertThat(refusal(demo, c)).contains("SHA-256");
            StoredObject good = store.put(c.rawKey("scan.h5"), scan);
            demo.notifyUpload(c, store.uri(good.key()).toString(), good.sha256(), good.size());
            DemoRun.Outcome outcome = demo.follow(c.caseId(), c.barcode(),
                    System.nanoTime() + Duration.ofMinutes(2).toNanos());
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
            String caseId = outcome.caseId();
            // the clinical record serves every engine this run starts, and each numbers its cases from 1: where
            // another test class's case of the same id left a report, this one amends it
            boolean reportedBefore = !fhir("DiagnosticReport?identifier=https://ixbi.se/fhir/sid/report%7C" + caseId)
                    .path("entry").isEmpty();
            completeUserTask("coordinator", caseId, "Task_ConfirmRoi", """
                    {"roiCenterXUm": {"value": 20.0, "type": "Double"}, "roiCenterYUm": {"value": 20.0, "type": "Double"},
                     "roiCenterZUm": {"value": 20.0, "type": "Double"}, "roiSizeUm": {"value": 10.0, "type": "Double"}}""");
            // an X-ray-only case: the fusion worker describes the tissue, and the reviewer sees its summary
            JsonNode review = awaitUserTask("clinician", caseId, "Task_ReviewFindings");
            JsonNode summary = new ObjectMapper().readTree(engineRest("clinician", "GET", "/task/"
                    + review.path("id").asText() + "/variables/fusionSummary", null));
            assertThat(summary.path("value").asText()).startsWith("X-ray: ").contains("No spatial omics");
            String findingsUri = historyVariable(caseId, "findingsUri");
            JsonNode findings = new ObjectMapper().readTree(store.read(store.key(java.net.URI.create(findingsUri))));
            assertThat(findings.path("summary").asText()).isEqualTo(summary.path("value").asText());
            assertThat(findings.path("xray").path("tissueVolumeMm3").asDouble()).isPositive();
            assertThat(findings.path("inputs").path("xray").path("uri").asText())
                    .isEqualTo(historyVariable(caseId, "reconstructedUri"));
            completeUserTask("clinician", caseId, "Task_ReviewFindings", """
                    {"findingsSummary": {"value": "no fibrosis in the ROI", "type": "String"},
                     "findingsDecision": {"value": "approve", "type": "String"}}""");

            // no task done by hand: the FHIR bridge reports to the clinic, then the data product is published
            JsonNode details = awaitStatus(demo, caseId, "COMPLETED");
            JsonNode reports = awaitFhir("DiagnosticReport?identifier=https://ixbi.se/fhir/sid/report%7C" + caseId);
            assertThat(reports.path("entry")).hasSize(1);
            JsonNode report = reports.path("entry").get(0).path("resource");
            assertThat(report.path("status").asText()).isEqualTo(reportedBefore ? "amended" : "final");
            assertThat(report.path("conclusion").asText()).isEqualTo("no fibrosis in the ROI");
            assertThat(report.path("presentedForm").get(0).path("contentType").asText()).isEqualTo("application/pdf");
            JsonNode volume = awaitFhir("Observation?identifier=https://ixbi.se/fhir/sid/finding%7C" + caseId
                    + "/tissue-volume").path("entry").get(0).path("resource").path("valueQuantity");
            assertThat(volume.path("code").asText()).isEqualTo("mm3");
            assertThat(volume.path("value").asDouble()).isEqualTo(findings.path("xray").path("tissueVolumeMm3")
                    .asDouble());
            JsonNode productJson = new ObjectMapper().readTree(store.read("products/" + caseId + "/data-product.json"));
            String sha = historyVariable(caseId, "dataProductManifestSha256");
            assertThat(sha).isEqualTo(se.ixbi.workers.storage.Sha256.of(store.read("products/" + caseId
                    + "/data-product.json")));
            JsonNode raw = productJson.path("levels").path("raw");
            JsonNode reconstructed = productJson.path("levels").path("reconstructed");
            assertThat(datasets(details, "RAW")).extracting(d -> d.path("status").asText())
                    .containsExactly("REFUSED", "CURRENT");
            assertThat(raw).hasSize(1);
            assertThat(raw.get(0).path("uri").asText()).isEqualTo(store.uri(good.key()).toString());
            assertThat(raw.get(0).path("sha256").asText()).isEqualTo(good.sha256());
            assertThat(reconstructed).hasSize(1);
            assertThat(reconstructed.get(0).path("manifestSha256").asText())
                    .isEqualTo(datasets(details, "RECONSTRUCTED").get(0).path("sha256").asText());
            assertThat(reconstructed.get(0).path("provenance").path("parameters").path("method").asText())
                    .isEqualTo("gridrec");
            JsonNode analysed = productJson.path("levels").path("analysed");
            assertThat(analysed).hasSize(1);
            assertThat(analysed.get(0).path("manifestSha256").asText())
                    .isEqualTo(datasets(details, "ANALYSED").get(0).path("sha256").asText());
        }
    }

    /**
     * With volume-EM consent the case goes on past the ROI: the operator registers the resin block and uploads a
     * FIB-SEM stack rendered from the same phantom as the X-ray scan — at the first lesion's rim, turned, jittering
     * slice by slice — so the workers' alignment and registration are checked against the known answer.
     */
    @Test
    void aFibSemBlockIsAlignedAndPlacedInTheReconstructedVolumeWithinTwoVoxels() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(64, 180, log).withVolumeEm();
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("vem"))) {
            DemoRun.Outcome outcome = demo.run();
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
            String caseId = outcome.caseId();
            JsonNode roi = new ObjectMapper().readTree(engineRest("coordinator", "GET", "/task/"
                    + awaitUserTask("coordinator", caseId, "Task_ConfirmRoi").path("id").asText() + "/variables",
                    null));
            Map<String, Object> confirmed = new java.util.LinkedHashMap<>();
            for (String name : new String[] {"roiCenterXUm", "roiCenterYUm", "roiCenterZUm", "roiSizeUm"}) {
                confirmed.put(name, roi.path(name).path("value").asDouble());
            }
            double pixel = demo.xrayVariable(caseId, "pixelSizeUm").asDouble();
            demo.completeTask(caseId, "Task_ConfirmRoi", confirmed);
            String block = outcome.barcode() + "-B1";
            demo.completeTask(caseId, "Task_PrepareVem", Map.of("vemParentBarcode", outcome.barcode(),
                    "vemBlockBarcode", block, "embeddingResin", "epon", "targetDepthUm", 40.0));

            FibSemBlock fib = FibSemBlock.atLesionRim(se.ixbi.gpu.phantom.TissuePhantom.biopsy(64, 7), pixel);
            // first a stack without its voxel size: refused with the reason, the case waits for the next
            awaitMessage(demo, caseId, "VemDataUploaded");
            Path bad = dir.resolve(caseId + "-no-voxel-size.h5");
            try (io.jhdf.WritableHdfFile file = io.jhdf.HdfFile.write(bad)) {
                file.putGroup("exchange").putDataset("data", new float[][][] {new float[16][16], new float[16][16]});
            }
            StoredObject refused = store.put("cases/" + caseId + "/" + block + "/vem/raw/no-voxel-size.h5", bad);
            demo.notifyUpload(caseId, "VEM", block, store.uri(refused.key()).toString(), refused.sha256(),
                    refused.size());
            // the operator is told why, in Tasklist and on the case; a new upload closes their task
            JsonNode uploadAgain = awaitUserTask("operator", caseId, "Task_VemUploadAgain");
            assertThat(uploadAgain.path("name").asText()).isEqualTo("Upload the FIB-SEM stack again");
            assertThat(historyVariable(caseId, "badUploadReason")).contains("/exchange/voxel_size_nm");
            assertThat(datasets(demo.details(caseId), "RAW")).filteredOn(d -> d.path("modality").asText().equals("VEM"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.path("status").asText()).isEqualTo("REFUSED");
                        assertThat(d.path("statusReason").asText()).contains("/exchange/voxel_size_nm");
                    });

            Path stack = dir.resolve(caseId + "-stack.h5");
            se.ixbi.workers.vem.VemStack.write(stack, fib.stack());
            StoredObject uploaded = store.put("cases/" + caseId + "/" + block + "/vem/raw/stack.h5", stack);
            demo.notifyUpload(caseId, "VEM", block, store.uri(uploaded.key()).toString(), uploaded.sha256(),
                    uploaded.size());

            JsonNode review = awaitUserTask("coordinator", caseId, "Task_ReviewVemRegistration");
            JsonNode v = new ObjectMapper().readTree(engineRest("coordinator", "GET", "/task/"
                    + review.path("id").asText() + "/variables", null));
            JsonNode affine = new ObjectMapper().readTree(v.path("vemTransformAffine").path("value").asText());
            double[] m = new double[16];
            for (int i = 0; i < 16; i++) {
                m[i] = affine.get(i).asDouble();
            }
            double tre = se.ixbi.gpu.registration.AffineTransform.fromMatrix4(m).maxDisplacement(fib.truth(),
                    fib.low(), fib.high());
            System.out.printf("FIB-SEM block placed end to end: TRE %.2f µm (X-ray voxel %.2f µm)%n", tre, pixel);
            // one X-ray voxel end to end, as VolumeRegistrationTest holds it against the phantom rendered directly
            assertThat(tre).as("TRE in µm, X-ray voxel %.2f µm", pixel).isLessThanOrEqualTo(pixel);
            assertThat(v.path("vemRegistrationErrorUm").path("value").asDouble()).isLessThan(pixel);
            // the stack only jittered (alignment removed it): no creep to shear the block, so it stays rigid
            // (an affine fit of this reconstruction gains 1.1 % MI but departs from a rotation by only 0.04: noise)
            assertThat(v.path("vemRegistrationMode").path("value").asText()).isEqualTo("rigid");
            assertThat(v.path("vemDriftMaxPx").path("value").asDouble()).as("the stage's jitter was found")
                    .isGreaterThan(0.5);
            // the engine recorded the aligned block and, from it, the transform into the X-ray volume
            JsonNode details = demo.details(caseId);
            JsonNode aligned = datasets(details, "RECONSTRUCTED").stream()
                    .filter(d -> d.path("modality").asText().equals("VEM")).findFirst().orElseThrow();
            JsonNode xrayVolume = datasets(details, "RECONSTRUCTED").stream()
                    .filter(d -> d.path("modality").asText().equals("XRAY")).findFirst().orElseThrow();
            assertThat(aligned.path("specimenBarcode").asText()).isEqualTo(block);
            assertThat(datasets(details, "RAW")).filteredOn(d -> d.path("modality").asText().equals("VEM"))
                    .extracting(d -> d.path("status").asText()).containsExactly("REFUSED", "CURRENT");
            assertThat(aligned.path("transforms")).hasSize(1);
            JsonNode recorded = aligned.path("transforms").get(0);
            assertThat(recorded.path("targetDatasetId").asText()).isEqualTo(xrayVolume.path("id").asText());
            assertThat(recorded.path("matrix").asText()).isEqualTo(v.path("vemTransformAffine").path("value").asText());
            assertThat(recorded.path("errorUm").asDouble())
                    .isEqualTo(v.path("vemRegistrationErrorUm").path("value").asDouble());
            // the transform JSON and the aligned block are in the store, beside the raw stack
            String transformKey = store.key(URI.create(v.path("vemTransformUri").path("value").asText()));
            assertThat(transformKey).startsWith("cases/" + caseId + "/" + block + "/vem/registered/");
            JsonNode transform = new ObjectMapper().readTree(store.read(transformKey));
            assertThat(transform.path("affine").get(3).asDouble()).isEqualTo(m[3]);
            String alignedKey = store.key(URI.create(v.path("vemAlignedUri").path("value").asText()));
            Path copy = dir.resolve(caseId + "-aligned.zarr");
            DatasetTrees.download(store, alignedKey, copy, v.path("vemAlignedSha256").path("value").asText());
            assertThat(se.ixbi.workers.omezarr.OmeZarrImage.open(copy).levels().get(0).shape())
                    .containsExactly(fib.stack().shape());
            // the block over the X-ray volume: three planes through its centre, the block in its colour there
            Map<String, BufferedImage> pictures = consolePictures(caseId);
            List<String> overlays = pictures.keySet().stream().filter(c -> c.startsWith("vEM block on the X-ray"))
                    .toList();
            assertThat(overlays).hasSize(3);
            for (String caption : overlays) {
                BufferedImage overlay = pictures.get(caption);
                java.awt.Color centre = new java.awt.Color(overlay.getRGB(8 + (overlay.getWidth() - 16) / 2,
                        30 + (overlay.getHeight() - 38) / 2));
                assertThat(centre.getRed() - centre.getGreen()).as("%s: reddish purple at the centre", caption)
                        .isGreaterThan(20);
            }
        }
    }

    /**
     * With spatial-omics consent the case goes on to a section: cut from the same phantom as the X-ray scan through
     * the first lesion at a known oblique plane, turned and stretched on the slide, exported as AnnData with its DAPI
     * image. The specimen holds 1500 cells: with the default 60 the tissue is nearly alike along the core, and the
     * section's height and tilt are less well determined by it (measured: 2.2 µm off at 64³). The workers ingest it, place it in the reconstructed volume (checked against the known plane), and the
     * fusion worker's niches (checked against the phantom's regions) reach the reviewer.
     */
    @Test
    void aSpatialOmicsSectionIsPlacedInTheVolumeAndItsNichesReachTheReview() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun demo = demo(64, 180, log).withSpatialOmics().withCells(1500);
        try (WorkerNode ignored = WorkerNode.inProcess(workerProperties("omics"))) {
            DemoRun.Outcome outcome = demo.run();
            assertThat(outcome.qcPassed()).as(log.toString()).isTrue();
            String caseId = outcome.caseId();
            double pixel = demo.xrayVariable(caseId, "pixelSizeUm").asDouble();
            demo.completeTask(caseId, "Task_ConfirmRoi", Map.of("roiCenterXUm", 20.0, "roiCenterYUm", 20.0,
                    "roiCenterZUm", 20.0, "roiSizeUm", 15.0));
            String section = outcome.barcode() + "-S1";
            demo.completeTask(caseId, "Task_PrepareOmics", Map.of("omicsAssay", "ISS", "omicsParentBarcode",
                    outcome.barcode(), "omicsSectionBarcode", section, "sectionThicknessUm", 5L));
            OmicsSection cut = OmicsSection.throughLesion(se.ixbi.gpu.phantom.TissuePhantom.biopsy(64, 7, 1500), pixel);
            Path file = dir.resolve(caseId + "-section.h5ad");
            cut.writeAnnData(file);
            awaitMessage(demo, caseId, "OmicsDataUploaded");
            StoredObject uploaded = store.put("cases/" + caseId + "/" + section + "/omics/raw/section.h5ad", file);
            demo.notifyUpload(caseId, "OMICS", section, store.uri(uploaded.key()).toString(), uploaded.sha256(),
                    uploaded.size());

            JsonNode review = awaitUserTask("coordinator", caseId, "Task_ReviewOmicsRegistration");
            JsonNode v = new ObjectMapper().readTree(engineRest("coordinator", "GET", "/task/"
                    + review.path("id").asText() + "/variables", null));
            Path transform = dir.resolve(caseId + "-omics.transform.json");
            Files.write(transform, store.read(store.key(URI.create(v.path("omicsTransformUri").path("value")
                    .asText()))));
            se.ixbi.workers.fusion.SectionPlacement found = se.ixbi.workers.fusion.SectionPlacement.read(transform);
            double worst = 0;
            for (double y = 0; y < cut.side() * cut.pixelUm(); y += 2) {
                for (double x = 0; x < cut.side() * cut.pixelUm(); x += 2) {
                    if (cut.onTissue(y, x)) {
                        double[] a = found.toXray(y, x);
                        double[] b = cut.truth(y, x);
                        worst = Math.max(worst, Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
                                + (a[2] - b[2]) * (a[2] - b[2])));
                    }
                }
            }
            System.out.printf("omics section placed end to end: worst error over the tissue %.2f µm (X-ray voxel"
                    + " %.2f µm), precision %.2f µm%n", worst, pixel, v.path("omicsRegistrationErrorUm").path("value")
                    .asDouble());
            assertThat(worst).as("worst error in µm, X-ray voxel %.2f µm", pixel).isLessThanOrEqualTo(2 * pixel);
            demo.completeTask(caseId, "Task_ReviewOmicsRegistration", Map.of("registrationDecision", "accept",
                    "registrationNote", "lesion outline agrees"));

            JsonNode findingsTask = awaitUserTask("clinician", caseId, "Task_ReviewFindings");
            JsonNode f = new ObjectMapper().readTree(engineRest("clinician", "GET", "/task/"
                    + findingsTask.path("id").asText() + "/variables", null));
            assertThat(f.path("fusionCellTypes").path("value").asInt()).isEqualTo(4);
            assertThat(f.path("fusionSummary").path("value").asText()).contains("4 cell types");
            String folder = store.key(URI.create(f.path("fusionUri").path("value").asText()));
            List<String> rows = new String(store.read(folder + "/cells.csv"), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().skip(1).toList();
            assertThat(rows).hasSize(cut.cells().y().length);
            int[] regions = new int[rows.size()];
            int[] niches = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                String[] c = rows.get(i).split(",");
                int cell = Integer.parseInt(c[0].substring("cell-".length()));
                regions[i] = cut.cells().region()[cell].ordinal();
                niches[i] = Integer.parseInt(c[4].substring(1));
            }
            double ari = smile.validation.metric.AdjustedRandIndex.of(regions, niches);
            System.out.printf("omics niches end to end: %d niches, ARI vs the phantom's regions %.3f%n",
                    f.path("fusionNiches").path("value").asInt(), ari);
            assertThat(ari).isGreaterThan(0.6);
            assertThat(store.read(folder + "/figures/niches-on-xray.png")).startsWith(new byte[] {(byte) 0x89, 'P',
                'N', 'G'});
            // the engine recorded the findings beside the volume they were measured in
            JsonNode analysed = datasets(demo.details(caseId), "ANALYSED").get(0);
            assertThat(analysed.path("modality").asText()).isEqualTo("FUSION");
            assertThat(analysed.path("specimenBarcode").asText()).isEqualTo(outcome.barcode());
            // the section over the volume along its registered plane, and the findings' figures, on the case page
            assertThat(consolePictures(caseId).keySet()).contains(
                    "Omics section on the X-ray volume along the plane it was registered to",
                    "Cell types on the section", "Niches on the section",
                    "Niches on the X-ray volume along the section's plane", "Cell types in each niche");
        }
    }

    /** Waits until the case waits for that message (a receive task), so that an upload can be correlated. */
    private static void awaitMessage(DemoRun demo, String caseId, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode m : demo.details(caseId).path("waitingFor")) {
                if (message.equals(m.asText())) {
                    return;
                }
            }
            EngineProcess.sleep(300);
        }
        throw new AssertionError(caseId + " never waited for " + message + ": " + demo.details(caseId));
    }

    private static String engineRest(String user, String method, String path, String body) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(URI.create(engine.engineRest() + path).normalize())
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body();
    }

    private static void completeUserTask(String user, String caseId, String taskKey, String variables)
            throws Exception {
        JsonNode task = awaitUserTask(user, caseId, taskKey);
        engineRest(user, "POST", "/task/" + task.path("id").asText() + "/complete",
                "{\"variables\": " + variables + "}");
    }

    /** The case's one open user task of that key, once a worker's step before it is done (within a minute). */
    private static JsonNode awaitUserTask(String user, String caseId, String taskKey) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode tasks;
        do {
            tasks = new ObjectMapper().readTree(engineRest(user, "GET", "/task?processInstanceBusinessKey=" + caseId
                    + "&taskDefinitionKey=" + taskKey, null));
            if (tasks.size() == 1) {
                return tasks.get(0);
            }
            EngineProcess.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(taskKey + " of " + caseId + ": " + tasks);
    }

    private static String historyVariable(String caseId, String name) throws Exception {
        JsonNode values = new ObjectMapper().readTree(engineRest("coordinator", "GET",
                "/history/variable-instance?variableName=" + name, null));
        for (JsonNode v : values) {
            if (v.path("value").isTextual()) {
                JsonNode instance = new ObjectMapper().readTree(engineRest("coordinator", "GET",
                        "/history/process-instance/" + v.path("processInstanceId").asText(), null));
                if (caseId.equals(instance.path("businessKey").asText())) {
                    return v.path("value").asText();
                }
            }
        }
        throw new AssertionError("no " + name + " in the history of " + caseId);
    }

    /** {@code /actuator/prometheus} as the scrape account reads it (the demo mode's password). */
    static String scrape(String baseUrl) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/actuator/prometheus")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("prometheus:prometheus".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static String awaitMetric(String baseUrl, String pattern) throws Exception {
        java.util.regex.Pattern wanted = java.util.regex.Pattern.compile(pattern);
        String scraped = "";
        for (int i = 0; i < 100 && !wanted.matcher(scraped).find(); i++) {
            Thread.sleep(100);
            scraped = scrape(baseUrl);
        }
        assertThat(scraped).containsPattern(wanted);
        return scraped;
    }

    private static JsonNode awaitStatus(DemoRun demo, String caseId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = demo.details(caseId);
            if (status.equals(details.path("status").asText())) {
                return details;
            }
            EngineProcess.sleep(200);
        }
        throw new AssertionError("case " + caseId + " did not reach " + status + ": " + demo.details(caseId));
    }

    /** A search on the local FHIR server as it answers now. */
    private static JsonNode fhir(String query) throws Exception {
        return new ObjectMapper().readTree(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(system.fhirBase() + "/" + query))
                        .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A search on the local FHIR server (the clinical record) once it finds something. */
    private static JsonNode awaitFhir(String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        while (true) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(URI.create(system.fhirBase() + "/" + query))
                    .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            JsonNode bundle = new ObjectMapper().readTree(body);
            if (!bundle.path("entry").isEmpty() || System.nanoTime() > deadline) {
                assertThat(bundle.path("entry")).as("FHIR %s", query).isNotEmpty();
                return bundle;
            }
            EngineProcess.sleep(300);
        }
    }

    private static void awaitProcessEnd(String caseId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (new ObjectMapper().readTree(engineRest("coordinator", "GET", "/process-instance?businessKey=" + caseId,
                    null)).isEmpty()) {
                return;
            }
            EngineProcess.sleep(300);
        }
        throw new AssertionError("the processes of case " + caseId + " did not end");
    }

    /** Waits until the case is back waiting for an upload, and returns why the last one was refused. */
    private static String refusal(DemoRun demo, DemoRun.CaseAtBeamline c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = demo.details(c.caseId());
            boolean waiting = contains(details.path("waitingFor"), n -> "RawDataUploaded".equals(n.asText()));
            if (waiting && details.path("pendingWork").isEmpty()) {
                // the notification moved the case on synchronously, so waiting again means this upload was refused
                String reason = demo.xrayVariable(c.caseId(), "badUploadReason").asText(null);
                if (reason != null) {
                    return reason;
                }
            }
            EngineProcess.sleep(200);
        }
        throw new AssertionError("the upload of case " + c.caseId() + " was not refused in time");
    }

    private static StoredObject upload(DemoRun.CaseAtBeamline c, String name, Path file) {
        return store.put(c.rawKey(name), file);
    }

    /** A tiny DXchange scan with flats of {@code flatSize}² pixels, and a NaN in projection 3 if asked. */
    private static Path scan(DemoRun.CaseAtBeamline c, String name, int size, int flatSize, boolean nan) {
        Path p = dir.resolve(c.caseId() + "-" + name);
        float[][][] data = frames(8, size, 1000f);
        if (nan) {
            data[3][5][7] = Float.NaN;
        }
        float[] theta = new float[8];
        for (int a = 0; a < 8; a++) {
            theta[a] = a * 22.5f;
        }
        try (WritableHdfFile file = HdfFile.write(p)) {
            WritableGroup exchange = file.putGroup("exchange");
            exchange.putDataset("data", data);
            exchange.putDataset("data_white", frames(2, flatSize, 1200f));
            exchange.putDataset("data_dark", frames(2, size, 10f));
            exchange.putDataset("theta", theta);
        }
        return p;
    }

    private static float[][][] frames(int count, int size, float value) {
        float[][][] f = new float[count][size][size];
        for (float[][] frame : f) {
            for (float[] row : frame) {
                Arrays.fill(row, value);
            }
        }
        return f;
    }

    static List<JsonNode> datasets(JsonNode details, String level) {
        List<JsonNode> found = new java.util.ArrayList<>();
        details.path("datasets").forEach(d -> {
            if (level.equals(d.path("level").asText())) {
                found.add(d);
            }
        });
        return found;
    }

    private static boolean contains(JsonNode array, Predicate<JsonNode> test) {
        for (JsonNode n : array) {
            if (test.test(n)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern PICTURE = java.util.regex.Pattern.compile(
            "<img src=\"(/cases/[^\"]+/pictures/[^\"]+)\" alt=\"([^\"]*)\"");

    /**
     * The case's pictures as the console shows them to a coordinator: caption → image, in page order; each also
     * kept under {@code target/console-pictures/}.
     */
    private static Map<String, BufferedImage> consolePictures(String caseId) throws Exception {
        HttpClient browser = ConsoleSessions.signIn(engine.baseUrl(), "coordinator");
        Map<String, BufferedImage> pictures = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> link : pictureLinks(browser, caseId).entrySet()) {
            HttpResponse<byte[]> png = get(browser, link.getKey());
            assertThat(png.statusCode()).as(link.getValue()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
            pictures.put(link.getValue(), javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())));
            // kept to look at, as the console showed them
            Path kept = Files.createDirectories(Path.of("target", "console-pictures")).resolve(caseId + "-"
                    + link.getValue().replaceAll("[^A-Za-z0-9]+", "-") + ".png");
            Files.write(kept, png.body());
        }
        return pictures;
    }

    /** The picture addresses on the case's page, with their captions. */
    private static Map<String, String> pictureLinks(HttpClient browser, String caseId) throws Exception {
        HttpResponse<byte[]> page = get(browser, "/cases/" + caseId);
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> links = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = PICTURE.matcher(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            links.put(m.group(1), m.group(2).replace("&#39;", "'").replace("&amp;", "&"));
        }
        return links;
    }

    private static HttpResponse<byte[]> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(engine.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int grey(BufferedImage image, int row, int column) {
        return image.getRGB(column, row) & 0xFF;
    }
}
