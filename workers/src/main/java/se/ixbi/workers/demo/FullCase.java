package se.ixbi.workers.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.workers.omics.OmicsSection;
import se.ixbi.workers.storage.StoredObject;
import se.ixbi.workers.vem.FibSemBlock;

/**
 * The demo with every scope consented, from registration to {@code COMPLETED}: after the X-ray volume passes QC
 * the coordinator confirms the proposed region, the operator prepares a resin block and a section, a simulated
 * FIB-SEM stack and spatial-omics section (of the same phantom as the scan) are uploaded, the coordinator accepts
 * both registrations, the clinician approves the findings, and the FHIR bridge reports to the clinic. Each stage is
 * printed with its figures.
 */
public final class FullCase {

    /** Cells in the phantom: a section is placed by what it cuts, and real tissue is as crowded as that. */
    public static final int CELLS = 1500;
    /** The phantom's seed: the X-ray scan's ({@link DemoRun}). */
    static final long PHANTOM_SEED = 7;

    /** How it ended: the case, its final status and the figures printed on the way. */
    public record Result(String caseId, String status, List<String> figures) {
    }

    private final DemoRun demo;
    private final List<String> figures = new ArrayList<>();

    /** @param demo a demo run with volume EM and spatial omics consented and {@link #CELLS} cells */
    public FullCase(DemoRun demo) {
        this.demo = demo;
    }

    public Result run() throws Exception {
        DemoRun.Outcome xray = demo.run();
        if (!xray.qcPassed()) {
            throw new IllegalStateException("the X-ray volume failed QC: " + xray.waitingFor());
        }
        String caseId = xray.caseId();
        String core = xray.barcode();
        long deadline = System.nanoTime() + demo.timeout.toNanos();
        double pixel = demo.xrayVariable(caseId, "pixelSizeUm").asDouble();

        Map<String, JsonNode> roi = taskVariables(caseId, "Task_ConfirmRoi", deadline);
        double x = number(roi, "roiCenterXUm");
        double y = number(roi, "roiCenterYUm");
        double z = number(roi, "roiCenterZUm");
        double edge = number(roi, "roiSizeUm");
        demo.complete(caseId, "Task_ConfirmRoi", deadline, Map.of("roiCenterXUm", x, "roiCenterYUm", y,
                "roiCenterZUm", z, "roiSizeUm", edge));
        figure("region of interest confirmed as proposed: centre (%.0f, %.0f, %.0f) µm, edge %.0f µm", x, y, z, edge);

        TissuePhantom phantom = TissuePhantom.biopsy(demo.size, PHANTOM_SEED, demo.cells);
        String block = core + "-B1";
        demo.complete(caseId, "Task_PrepareVem", deadline, Map.of("vemParentBarcode", core, "vemBlockBarcode", block,
                "embeddingResin", "epon", "targetDepthUm", 40.0));
        FibSemBlock fib = FibSemBlock.atLesionRim(phantom, pixel);
        Path stack = demo.work.resolve(caseId + "-stack.h5");
        se.ixbi.workers.vem.VemStack.write(stack, fib.stack());
        upload(caseId, "VEM", block, "VemDataUploaded", "cases/" + caseId + "/" + block + "/vem/raw/stack.h5", stack,
                deadline);

        String section = core + "-S1";
        demo.complete(caseId, "Task_PrepareOmics", deadline, Map.of("omicsAssay", "ISS", "omicsParentBarcode", core,
                "omicsSectionBarcode", section, "sectionThicknessUm", 5L));
        Path annData = demo.work.resolve(caseId + "-section.h5ad");
        OmicsSection.throughLesion(phantom, pixel).writeAnnData(annData);
        upload(caseId, "OMICS", section, "OmicsDataUploaded", "cases/" + caseId + "/" + section
                + "/omics/raw/section.h5ad", annData, deadline);

        Map<String, JsonNode> vem = taskVariables(caseId, "Task_ReviewVemRegistration", deadline);
        figure("vEM block registered to the X-ray volume: precision %.2f µm, overlap %.2f, MI %.3f, %s model",
                number(vem, "vemRegistrationErrorUm"), number(vem, "vemRegistrationOverlap"),
                number(vem, "vemRegistrationMetric"), text(vem, "vemRegistrationMode"));
        demo.complete(caseId, "Task_ReviewVemRegistration", deadline, Map.of("registrationDecision", "accept",
                "registrationNote", "the block sits on the lesion rim"));

        Map<String, JsonNode> omics = taskVariables(caseId, "Task_ReviewOmicsRegistration", deadline);
        figure("omics section registered to the X-ray volume: precision %.2f µm, overlap %.2f, MI %.3f",
                number(omics, "omicsRegistrationErrorUm"), number(omics, "omicsRegistrationOverlap"),
                number(omics, "omicsRegistrationMetric"));
        demo.complete(caseId, "Task_ReviewOmicsRegistration", deadline, Map.of("registrationDecision", "accept",
                "registrationNote", "the lesion outline agrees"));

        Map<String, JsonNode> findings = taskVariables(caseId, "Task_ReviewFindings", deadline);
        figure("findings: %s", text(findings, "fusionSummary"));
        demo.complete(caseId, "Task_ReviewFindings", deadline, Map.of("findingsSummary",
                "demo findings approved as the fusion worker gave them", "findingsDecision", "approve"));

        String status = awaitFinalStatus(caseId, deadline);
        figure("case %s: %s", caseId, status);
        return new Result(caseId, status, List.copyOf(figures));
    }

    private void upload(String caseId, String modality, String barcode, String message, String key, Path file,
            long deadline) throws Exception {
        awaitWaiting(caseId, message, deadline);
        StoredObject stored = demo.store.put(key, file);
        Files.deleteIfExists(file);
        demo.stage("simulated " + modality + " data of " + barcode + " uploaded to " + demo.store.uri(key));
        demo.notifyUpload(caseId, modality, barcode, demo.store.uri(key).toString(), stored.sha256(), stored.size());
    }

    private void awaitWaiting(String caseId, String message, long deadline) throws InterruptedException {
        PollInterval interval = new PollInterval();
        while (System.nanoTime() < deadline) {
            for (JsonNode waiting : demo.details(caseId).path("waitingFor")) {
                if (message.equals(waiting.asText())) {
                    return;
                }
            }
            interval.pause();
        }
        throw new IllegalStateException("case " + caseId + " never waited for " + message);
    }

    /** The variables of the case's open task of that key as its reviewer sees them, once it is offered. */
    private Map<String, JsonNode> taskVariables(String caseId, String taskKey, long deadline)
            throws InterruptedException {
        String task = demo.taskId(caseId, taskKey, deadline);
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
        demo.platform.get("coordinator", "/engine-rest/task/" + task + "/variables").fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().path("value")));
        return values;
    }

    /** Follows the case's remaining work (the FHIR report, the data product) until its status is final. */
    private String awaitFinalStatus(String caseId, long deadline) throws InterruptedException {
        PollInterval interval = new PollInterval();
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode details = demo.details(caseId);
            String status = details.path("status").asText();
            if (!"ACTIVE".equals(status)) {
                return status;
            }
            for (JsonNode incident : details.path("incidents")) {
                throw new IllegalStateException("incident at " + incident.path("activityId").asText() + ": "
                        + incident.path("message").asText());
            }
            List<String> now = new ArrayList<>();
            details.path("pendingWork").forEach(w -> now.add(w.path("topic").asText()
                    + (w.path("workerId").isTextual() ? " (taken)" : " (waiting for a worker)")));
            details.path("openTasks").forEach(t -> now.add("task " + t.path("taskDefinitionKey").asText()));
            String line = String.join(", ", now);
            if (!line.equals(last) && !line.isEmpty()) {
                demo.stage(line);
                last = line;
            }
            interval.pause();
        }
        throw new IllegalStateException("case " + caseId + " did not end within " + demo.timeout
                + " (fhir.report needs the FHIR bridge running)");
    }

    private void figure(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        figures.add(line);
        demo.stage(line);
    }

    private static double number(Map<String, JsonNode> variables, String name) {
        JsonNode value = variables.get(name);
        return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
    }

    private static String text(Map<String, JsonNode> variables, String name) {
        JsonNode value = variables.get(name);
        return value == null || value.isNull() ? "—" : value.asText();
    }
}
