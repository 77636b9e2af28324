package se.ixbi.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.context.TestComponent;

import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.casefile.CaseQueries;
import se.ixbi.processes.cases.CaseRegistrar;
import se.ixbi.processes.cases.CaseRegistration;
import se.ixbi.processes.casefile.CaseDetails;
import se.ixbi.processes.consent.ConsentWithdrawal;
import se.ixbi.processes.specimen.CustodyAction;
import se.ixbi.processes.custody.CustodyScans;
import se.ixbi.processes.dataset.DatasetUploads;
import se.ixbi.processes.dataset.Modality;
import se.ixbi.objectreader.ObjectStoreProperties;

/**
 * Drives a case the way its users and workers do: forms are completed with the variables the forms submit,
 * external tasks are fetched and completed by topic, messages arrive through the domain services.
 */
@TestComponent
public class CaseDriver {

    private static final AtomicInteger PSEUDONYMS = new AtomicInteger();
    public static final String WORKER = "test-worker";

    private final CaseRegistrar registrar;
    private final CaseQueries queries;
    private final ConsentWithdrawal withdrawal;
    private final CustodyScans custody;
    private final DatasetUploads uploads;
    private final TaskService tasks;
    private final ExternalTaskService externalTasks;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final ObjectStoreProperties objects;

    CaseDriver(CaseRegistrar registrar, CaseQueries queries, ConsentWithdrawal withdrawal, CustodyScans custody,
            DatasetUploads uploads, TaskService tasks, ExternalTaskService externalTasks, ManagementService management,
            RuntimeService runtime, ObjectStoreProperties objects) {
        this.objects = objects;
        this.registrar = registrar;
        this.queries = queries;
        this.withdrawal = withdrawal;
        this.custody = custody;
        this.uploads = uploads;
        this.tasks = tasks;
        this.externalTasks = externalTasks;
        this.management = management;
        this.runtime = runtime;
    }

    public static String pseudonym() {
        // base 36 and an "x" before the counter: digits and a dash could spell a personal identity number, which
        // the registration rightly refuses (it did, once in some thousand cases)
        return "PSN-T" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "x" + PSEUDONYMS.incrementAndGet();
    }

    public String register(double targetResolutionUm) {
        return register("liver-fibrosis", targetResolutionUm);
    }

    public String register(String useCase, double targetResolutionUm) {
        return registrar.register(new CaseRegistration(useCase, pseudonym(), targetResolutionUm), "coordinator")
                .getId();
    }

    public CaseDetails details(String caseId) {
        return queries.details(caseId);
    }

    // ---- user tasks ------------------------------------------------------------------------------------------

    public Task task(String caseId, String taskKey) {
        List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(caseId).taskDefinitionKey(taskKey).list();
        assertThat(found).as("open task %s of %s", taskKey, caseId).hasSize(1);
        return found.get(0);
    }

    public void complete(String caseId, String taskKey, Map<String, Object> formValues) {
        tasks.complete(task(caseId, taskKey).getId(), formValues);
    }

    public void consent(String caseId, boolean vem, boolean omics, boolean sharing) {
        complete(caseId, "Task_ObtainConsent", Map.of(
                "consentDecision", "granted", "scopeXray", true, "scopeVem", vem, "scopeOmics", omics,
                "scopeDataSharing", sharing, "scopeFutureResearch", false, "consentVersion", "2.1",
                "consentObtainedBy", "dr.berg", "consentSignedOn", "2026-11-20"));
        work(caseId, "fhir.consent");
    }

    public void decline(String caseId) {
        complete(caseId, "Task_ObtainConsent", Map.of("consentDecision", "declined", "consentVersion", "2.1",
                "consentObtainedBy", "dr.berg", "consentSignedOn", "2026-11-20"));
        work(caseId, "fhir.consent");
    }

    /** Schedules and records a biopsy with the given core barcodes; returns the first barcode. */
    public String biopsy(String caseId, String... barcodes) {
        complete(caseId, "Task_ScheduleBiopsy", Map.of("guidanceModality", "CT", "biopsyTarget", "liver segment VI",
                "biopsyDate", "2026-11-21"));
        complete(caseId, "Task_RecordBiopsy", Map.of("coreCount", (long) barcodes.length,
                "specimenBarcodes", String.join(", ", barcodes), "tissueType", "liver", "specimenSizeMm", 3.0,
                "fixation", "glutaraldehyde"));
        work(caseId, "fhir.procedure");
        return barcodes[0];
    }

    public void scanAtBeamline(String barcode) {
        custody.scan(barcode, CustodyAction.RECEIVED_AT_BEAMLINE, "MAX IV ForMAX", null, "operator");
        runAsyncContinuations();
    }

    /**
     * Runs the asynchronous continuations that the job executor runs in production (off in tests), such as the
     * join of the custody hand-off and the clinical record's update after a biopsy.
     */
    public void runAsyncContinuations() {
        List<Job> jobs;
        while (!(jobs = management.createJobQuery().executable().messages().list()).isEmpty()) {
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
    }

    public void scheduleBeamtime(String caseId) {
        complete(caseId, "Task_ScheduleBeamtime", Map.of("beamline", "ForMAX", "proposalId", "20261234",
                "beamtimeDate", "2026-12-01"));
    }

    public String upload(String caseId, Modality modality, String barcode) {
        String sha = "%064x".formatted(System.nanoTime());
        return uploads.rawDataUploaded(caseId, new DatasetUploads.RawUpload(modality, barcode,
                "s3://ixbi/cases/" + caseId + "/" + modality + "/raw/" + sha.substring(48) + ".h5", sha, 1024L),
                "operator").id();
    }

    public void withdraw(String caseId) {
        withdrawal.withdraw(caseId, "patient asked to withdraw", "clinician");
    }

    // ---- external tasks --------------------------------------------------------------------------------------

    public LockedExternalTask fetch(String caseId, String topic) {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, WORKER)
                .topic(topic, 60_000).businessKey(caseId).execute();
        assertThat(locked).as("external task %s of %s", topic, caseId).hasSize(1);
        return locked.get(0);
    }

    public void work(String caseId, String topic) {
        work(caseId, topic, switch (topic) {
            case "xray.reconstruct" -> reconstructed(caseId);
            case "vem.align" -> vemAligned(caseId);
            case "registration.vem-to-xray" -> vemRegistered();
            case "omics.ingest" -> omicsIngested(caseId);
            case "registration.omics-to-xray" -> omicsRegistered();
            case "analysis.fusion" -> fused(caseId, java.util.UUID.randomUUID().toString());
            default -> Map.of();
        });
    }

    /** What {@code vem.align} reports: the aligned block in the store. */
    public static Map<String, Object> vemAligned(String caseId) {
        String id = java.util.UUID.randomUUID().toString();
        return Map.of("vemAlignedDatasetId", id,
                "vemAlignedUri", "s3://ixbi/cases/" + caseId + "/BLOCK/vem/aligned/" + id + ".zarr",
                "vemAlignedSha256", "cd".repeat(32),
                "vemAlignedSizeBytes", 65_536L,
                "vemAlignmentSoftware", "ixbi-workers test");
    }

    /** What {@code omics.ingest} reports: the QC'd cells and their section image, as one folder. */
    public static Map<String, Object> omicsIngested(String caseId) {
        String id = java.util.UUID.randomUUID().toString();
        return Map.of("omicsDatasetId", id,
                "omicsUri", "s3://ixbi/cases/" + caseId + "/SECTION/omics/reconstructed/" + id + ".omics",
                "omicsSha256", "ef".repeat(32),
                "omicsSizeBytes", 4_096L,
                "omicsSoftware", "ixbi-workers test");
    }

    /** What {@code registration.omics-to-xray} reports. */
    public static Map<String, Object> omicsRegistered() {
        return Map.of("omicsTransformId", java.util.UUID.randomUUID().toString(),
                "omicsTransformAffine", "[1.0,0.0,0.0,1.0,0.0,1.0,0.0,2.0,0.0,0.0,1.0,3.0,0.0,0.0,0.0,1.0]",
                "omicsRegistrationErrorUm", 0.5);
    }

    /** What {@code analysis.fusion} reports: the findings folder, its findings JSON and the summary for review. */
    public static Map<String, Object> fused(String caseId, String id) {
        String uri = "s3://ixbi/cases/" + caseId + "/CORE/fusion/analysed/" + id + ".findings";
        return Map.of("fusionDatasetId", id, "fusionUri", uri, "fusionSha256", "12".repeat(32),
                "fusionSizeBytes", 20_480L, "findingsUri", uri + "/findings.json",
                "fusionSummary", "X-ray: 1.2 mm³ of tissue", "fusionSoftware", "ixbi-workers test");
    }

    /** What {@code registration.vem-to-xray} reports: the affine and its precision. */
    public static Map<String, Object> vemRegistered() {
        return Map.of("vemTransformId", java.util.UUID.randomUUID().toString(),
                "vemTransformAffine", "[1.0,0.0,0.0,5.0,0.0,1.0,0.0,6.0,0.0,0.0,1.0,7.0,0.0,0.0,0.0,1.0]",
                "vemRegistrationErrorUm", 0.2);
    }

    /** What a reconstruction worker reports (docs/topics.md): a new volume in the store. */
    public static Map<String, Object> reconstructed(String caseId) {
        String id = java.util.UUID.randomUUID().toString();
        return Map.of("reconstructedDatasetId", id,
                "reconstructedUri", "s3://ixbi/cases/" + caseId + "/CORE/xray/reconstructed/" + id + ".zarr",
                "reconstructedSha256", "ab".repeat(32),
                "reconstructedSizeBytes", 123_456L,
                "reconstructionParameters", "{\"method\":\"gridrec\"}",
                "reconstructionSoftware", "ixbi-workers test");
    }

    /**
     * What a reconstruction worker reports with its pictures (docs/topics.md): three PNGs written into the engine's
     * local object store, each a bright disc on dark as a slice through a core looks, announced in
     * {@code reconstructedPictures}.
     */
    public Map<String, Object> reconstructedWithPictures(String caseId) {
        Map<String, Object> variables = new HashMap<>(reconstructed(caseId));
        Path folder = objects.root().toAbsolutePath().resolve("ixbi/cases/" + caseId + "/CORE/xray/reconstructed/"
                + variables.get("reconstructedDatasetId") + ".pictures");
        List<Map<String, Object>> pictures = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            List<String> planes = List.of("xy", "xz", "yz");
            for (String plane : planes) {
                BufferedImage image = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setColor(Color.LIGHT_GRAY);
                int side = 140 - 20 * planes.indexOf(plane);
                g.fillOval(100 - side / 2, 80 - side / 2, side, side);
                g.dispose();
                Path png = folder.resolve(plane + ".png");
                ImageIO.write(image, "png", png.toFile());
                byte[] bytes = Files.readAllBytes(png);
                pictures.add(Map.of("name", plane, "caption", "Reconstructed X-ray volume, "
                        + plane.toUpperCase() + " slice", "uri", png.toUri().toString(), "sha256",
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                        "sizeBytes", bytes.length));
            }
            variables.put("reconstructedPictures", new ObjectMapper().writeValueAsString(pictures));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return variables;
    }

    public void work(String caseId, String topic, Map<String, Object> results) {
        externalTasks.complete(fetch(caseId, topic).getId(), WORKER, new HashMap<>(results));
    }

    /** A worker's failure with no retries left: the engine raises an incident. */
    public void fail(String caseId, String topic, String message) {
        externalTasks.handleFailure(fetch(caseId, topic).getId(), WORKER, message, message + "\n\tat a worker", 0, 0);
    }

    public void businessError(String caseId, String topic, String code, String message) {
        externalTasks.handleBpmnError(fetch(caseId, topic).getId(), WORKER, code, message);
    }

    /** A BPMN error with the figures it was raised on, as the workers send them. */
    public void businessError(String caseId, String topic, String code, String message, Map<String, Object> figures) {
        externalTasks.handleBpmnError(fetch(caseId, topic).getId(), WORKER, code, message, new HashMap<>(figures));
    }

    /** The case's one open incident, such as {@link #fail} leaves (its root cause, not its copy in the case). */
    public String incident(String caseId) {
        List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list()
                .stream().map(p -> p.getId()).toList();
        List<String> incidents = runtime.createIncidentQuery().list().stream()
                .filter(i -> instances.contains(i.getProcessInstanceId()))
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId())).map(i -> i.getId()).toList();
        assertThat(incidents).as("open incidents of %s", caseId).hasSize(1);
        return incidents.get(0);
    }

    public long openExternalTasks(String caseId, String topic) {
        return externalTasks.createExternalTaskQuery().topicName(topic).list().stream()
                .filter(t -> caseId.equals(t.getBusinessKey())).count();
    }

    // ---- timers ----------------------------------------------------------------------------------------------

    public void fireTimer(String caseId, String activityId) {
        List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).list().stream()
                .map(p -> p.getId()).toList();
        List<Job> jobs = instances.stream()
                .flatMap(id -> management.createJobQuery().processInstanceId(id).activityId(activityId).timers()
                        .list().stream())
                .toList();
        assertThat(jobs).as("timer %s of %s", activityId, caseId).hasSize(1);
        management.executeJob(jobs.get(0).getId());
    }

    // ---- whole stages ----------------------------------------------------------------------------------------

    /** Consent with every scope, a biopsy, the hand-off: the case then waits for beamtime. */
    public String toBeamtime(String caseId) {
        consent(caseId, true, true, true);
        String barcode = biopsy(caseId, "C" + caseId.substring(5).replace("-", "") + "A");
        scanAtBeamline(barcode);
        return barcode;
    }

    /** Consent, biopsy, beamtime and an upload: the case then waits for the upload's check; returns the core. */
    public String toUpload(String caseId) {
        String barcode = toBeamtime(caseId);
        scheduleBeamtime(caseId);
        upload(caseId, Modality.XRAY, barcode);
        return barcode;
    }

    /** Consent, biopsy, beamtime and a verified upload: the case then waits for its reconstruction. */
    public String toReconstruction(String caseId) {
        String barcode = toUpload(caseId);
        work(caseId, "data.verify");
        return barcode;
    }

    /** From beamtime to the confirmed ROI; the case then starts volume EM and spatial omics. */
    public void xrayToRoi(String caseId, String barcode) {
        scheduleBeamtime(caseId);
        upload(caseId, Modality.XRAY, barcode);
        work(caseId, "data.verify");
        work(caseId, "xray.reconstruct", reconstructed(caseId));
        work(caseId, "xray.qc", Map.of("qcSnr", 14.2));
        work(caseId, "analysis.roi-proposal", Map.of("roiProposal", "centre (1200, 800, 450) µm, edge 300 µm"));
        complete(caseId, "Task_ConfirmRoi", Map.of("roiCenterXUm", 1200.0, "roiCenterYUm", 800.0,
                "roiCenterZUm", 450.0, "roiSizeUm", 300.0));
    }

    public void vem(String caseId, String coreBarcode) {
        toVemReview(caseId, coreBarcode, Map.of());
        complete(caseId, "Task_ReviewVemRegistration", Map.of("registrationDecision", "accept",
                "registrationNote", "landmarks agree"));
    }

    /**
     * A block prepared from the core, its stack uploaded, aligned and registered with the registration worker's
     * {@code figures} (none: the worker's defaults): the case waits at "Review vEM registration".
     */
    public void toVemReview(String caseId, String coreBarcode, Map<String, Object> figures) {
        complete(caseId, "Task_PrepareVem", Map.of("vemParentBarcode", coreBarcode,
                "vemBlockBarcode", coreBarcode + "-B1", "embeddingResin", "durcupan", "targetDepthUm", 120L));
        upload(caseId, Modality.VEM, coreBarcode + "-B1");
        work(caseId, "vem.align");
        if (figures.isEmpty()) {
            work(caseId, "registration.vem-to-xray");
        } else {
            work(caseId, "registration.vem-to-xray", figures);
        }
    }

    public void omics(String caseId, String coreBarcode) {
        complete(caseId, "Task_PrepareOmics", Map.of("omicsAssay", "ISS", "omicsParentBarcode", coreBarcode,
                "omicsSectionBarcode", coreBarcode + "-S1", "sectionThicknessUm", 10L));
        upload(caseId, Modality.OMICS, coreBarcode + "-S1");
        work(caseId, "omics.ingest");
        work(caseId, "registration.omics-to-xray");
        complete(caseId, "Task_ReviewOmicsRegistration", Map.of("registrationDecision", "accept",
                "registrationNote", "section plane found"));
    }

    public void analysis(String caseId, boolean publish) {
        work(caseId, "analysis.fusion");
        complete(caseId, "Task_ReviewFindings", Map.of("findingsSummary", "fibrosis stage F2 in the ROI",
                "findingsDecision", "approve"));
        work(caseId, "fhir.report");
        if (publish) {
            work(caseId, "data.publish");
        }
    }
}
