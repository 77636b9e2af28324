package se.ixbi.workers.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import se.ixbi.workers.scan.ScanSimulator;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;

/**
 * One synthetic case from registration to a QC'd volume, driven the way people drive it: the coordinator registers
 * the case, the clinician fills in consent and biopsy, the operator scans the core in at the beamline, schedules
 * beamtime and reports the upload; the workers do the rest. Each stage is printed as the case reaches it.
 */
public final class DemoRun {

    /** How the demo ended: the case, where the volume is, and what the case waits for now. */
    public record Outcome(String caseId, String barcode, String reconstructedUri, String waitingFor, boolean qcPassed,
            List<String> stages) {
    }

    final PlatformClient platform;
    final ObjectStore store;
    final Path work;
    private final PrintStream out;
    final int size;
    private final int angles;
    final Duration timeout;
    // one DemoRun may drive many cases at once (the reliability test's drivers)
    private final List<String> stages = Collections.synchronizedList(new ArrayList<>());
    private boolean volumeEm;
    private boolean spatialOmics;
    int cells = 60;

    /**
     * @param signIn the {@code Authorization} header for each user the demo acts as ({@link #passwords} for the
     *        embedded default's demo users; bearer tokens in Keycloak mode)
     */
    public DemoRun(String baseUrl, Function<String, String> signIn, ObjectStore store, Path work, PrintStream out,
            int size, int angles, Duration timeout) {
        this.platform = new PlatformClient(baseUrl, signIn);
        this.store = store;
        this.work = work;
        this.out = out;
        this.size = size;
        this.angles = angles;
        this.timeout = timeout;
    }

    /** HTTP Basic with each user's password. */
    public static Function<String, String> passwords(Map<String, String> passwords) {
        return user -> {
            String password = passwords.get(user);
            if (password == null) {
                throw new IllegalArgumentException("no password for user " + user);
            }
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Keycloak mode: each user's access token, from the realm's password grant (see {@link KeycloakPasswordSignIn}). */
    public static Function<String, String> keycloak(String issuer, Map<String, String> passwords) {
        return new KeycloakPasswordSignIn(issuer, passwords);
    }

    /** Consent covers volume EM as well: after the ROI is confirmed the case goes on to FIB-SEM. */
    public DemoRun withVolumeEm() {
        volumeEm = true;
        return this;
    }

    /** Consent covers spatial omics as well: after the ROI is confirmed the case goes on to a section. */
    public DemoRun withSpatialOmics() {
        spatialOmics = true;
        return this;
    }

    /**
     * A phantom of {@code count} cells instead of 60: a section is placed by what it cuts, and real tissue is as
     * crowded as that.
     */
    public DemoRun withCells(int count) {
        cells = count;
        return this;
    }

    /** Completes the case's open task of that key as the demo user of its candidate group, once it is offered. */
    public void completeTask(String caseId, String taskKey, Map<String, Object> values) throws InterruptedException {
        complete(caseId, taskKey, System.nanoTime() + timeout.toNanos(), values);
    }

    /** A case whose core is at the beamline with beamtime scheduled: it waits for the raw X-ray upload. */
    public record CaseAtBeamline(String caseId, String barcode, double energyKev, double pixelUm, Double distanceM,
            List<Double> plannedDistancesM) {

        public String rawKey(String name) {
            return "cases/" + caseId + "/" + barcode + "/xray/raw/" + name;
        }
    }

    public Outcome run() throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        return run(register(), deadline);
    }

    /** The demo for a case registered elsewhere (from the clinic, through the FHIR bridge). */
    public Outcome run(String caseId) throws Exception {
        return run(caseId, System.nanoTime() + timeout.toNanos());
    }

    private Outcome run(String caseId, long deadline) throws Exception {
        CaseAtBeamline atBeamline = toUpload(caseId, deadline);
        Path scan = work.resolve(atBeamline.caseId() + "-scan.h5");
        Files.deleteIfExists(scan);
        ScanSimulator.write(new ScanSimulator.Settings(size, angles, atBeamline.energyKev(), atBeamline.pixelUm(),
                atBeamline.distanceM(), 0.005, 20000, 10, 5, 7, 7000, cells), scan);
        String key = atBeamline.rawKey("scan.h5");
        StoredObject uploaded = store.put(key, scan);
        Files.deleteIfExists(scan);
        stage("simulated a " + angles + " × " + size + " × " + size + " scan" + (atBeamline.distanceM() == null ? ""
                : " at " + atBeamline.distanceM() + " m") + " and uploaded it to " + store.uri(key));
        notifyUpload(atBeamline, store.uri(key).toString(), uploaded.sha256(), uploaded.size());
        return follow(atBeamline.caseId(), atBeamline.barcode(), deadline);
    }

    /** Registration, consent, biopsy, custody and beamtime, each as the user whose task it is. */
    public CaseAtBeamline toUpload(long deadline) throws InterruptedException {
        return toUpload(register(), deadline);
    }

    private String register() {
        String pseudonym = "DEMO-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
        JsonNode registered = platform.post("coordinator", "/api/cases",
                Map.of("useCase", "liver-fibrosis", "pseudonym", pseudonym, "targetResolutionUm", 1.0));
        String caseId = registered.isMissingNode() ? registeredAs(pseudonym) : registered.path("id").asText();
        stage("registered " + caseId + " (pseudonym " + pseudonym + ") as coordinator");
        return caseId;
    }

    /** The case registered under the pseudonym: the registration arrived though its answer was lost. */
    private String registeredAs(String pseudonym) {
        for (JsonNode c : platform.get("coordinator", "/api/cases?status=ACTIVE")) {
            if (pseudonym.equals(c.path("pseudonym").asText())) {
                return c.path("id").asText();
            }
        }
        throw new IllegalStateException("the registration of " + pseudonym + " was refused as already done, but no "
                + "case has that pseudonym");
    }

    private CaseAtBeamline toUpload(String caseId, long deadline) throws InterruptedException {
        complete(caseId, "Task_ObtainConsent", deadline, Map.of("consentDecision", "granted", "scopeXray", true,
                "scopeVem", volumeEm, "scopeOmics", spatialOmics, "scopeDataSharing", true, "scopeFutureResearch", false,
                "consentVersion", "2.1", "consentObtainedBy", "demo", "consentSignedOn", LocalDate.now().toString()));
        complete(caseId, "Task_ScheduleBiopsy", deadline, Map.of("guidanceModality", "CT",
                "biopsyTarget", "liver segment VI", "biopsyDate", LocalDate.now().toString()));
        String barcode = "DM" + caseId.replaceAll("\\D", "").substring(4);
        complete(caseId, "Task_RecordBiopsy", deadline, Map.of("coreCount", 1L, "specimenBarcodes", barcode,
                "tissueType", "liver", "specimenSizeMm", 3.0, "fixation", "glutaraldehyde"));

        platform.post("operator", "/api/specimens/" + barcode + "/custody-events",
                Map.of("action", "RECEIVED_AT_BEAMLINE", "location", "MAX IV ForMAX", "note", "demo"));
        stage("core " + barcode + " received at the beamline (operator)");

        String beamtime = taskId(caseId, "Task_ScheduleBeamtime", deadline);
        AcquisitionPlan plan = AcquisitionPlan.read(platform, "coordinator", caseId);
        stage("acquisition plan: " + plan);
        completeAs(caseId, beamtime, "Task_ScheduleBeamtime", Map.of("beamline", "ForMAX", "proposalId", "20261234",
                "beamtimeDate", LocalDate.now().plusDays(1).toString()));
        return new CaseAtBeamline(caseId, barcode, plan.energyKev(), plan.pixelUm(), plan.firstDistanceM(),
                plan.distancesM());
    }

    /** The operator reports an upload, as the beamline's transfer script would. */
    public void notifyUpload(CaseAtBeamline c, String uri, String sha256, long sizeBytes) {
        platform.post("operator", "/api/cases/" + c.caseId() + "/datasets", Map.of("modality", "XRAY",
                "specimenBarcode", c.barcode(), "uri", uri, "sha256", sha256, "sizeBytes", sizeBytes));
        stage("upload of " + uri + " notified (operator); the workers take over");
    }

    /** The operator reports raw data of any modality (XRAY, VEM, OMICS) for one of the case's specimens. */
    public void notifyUpload(String caseId, String modality, String specimenBarcode, String uri, String sha256,
            long sizeBytes) {
        platform.post("operator", "/api/cases/" + caseId + "/datasets", Map.of("modality", modality,
                "specimenBarcode", specimenBarcode, "uri", uri, "sha256", sha256, "sizeBytes", sizeBytes));
        stage(modality + " upload of " + uri + " notified (operator)");
    }

    /** A variable of the case's X-ray process, as a coordinator reads it. */
    public JsonNode xrayVariable(String caseId, String name) {
        JsonNode value = xrayVariables(caseId).get(name);
        return value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value;
    }

    /** The audit trail's chain verification ({@code intact}, {@code events}, …) as the coordinator reads it. */
    public JsonNode audit() {
        return platform.get("coordinator", "/api/audit/verification");
    }

    /** {@code GET /api/cases/{id}} as the coordinator sees it. */
    public JsonNode details(String caseId) {
        return platform.get("coordinator", "/api/cases/" + caseId);
    }

    public Outcome follow(String caseId, String barcode, long deadline) throws InterruptedException {
        String last = "";
        PollInterval interval = new PollInterval();
        while (System.nanoTime() < deadline) {
            JsonNode details = platform.get("coordinator", "/api/cases/" + caseId);
            List<String> now = new ArrayList<>();
            for (JsonNode work : details.path("pendingWork")) {
                String progress = work.path("progressPercent").isNumber()
                        ? " " + work.path("progressPercent").asInt() + " % " + work.path("progressStep").asText("")
                        : work.path("workerId").isTextual() ? " (taken)" : " (waiting for a worker)";
                now.add(work.path("topic").asText() + progress);
            }
            for (JsonNode task : details.path("openTasks")) {
                now.add("task " + task.path("taskDefinitionKey").asText());
            }
            for (JsonNode incident : details.path("incidents")) {
                throw new IllegalStateException("incident at " + incident.path("activityId").asText() + ": "
                        + incident.path("message").asText());
            }
            String line = String.join(", ", now);
            if (!line.equals(last)) {
                stage(line.isEmpty() ? "engine busy" : line);
                last = line;
            }
            String reconstructed = reconstructedUri(details);
            // done at the ROI form, or at the proposal when no worker takes that topic
            if (line.contains("Task_ConfirmRoi") || line.contains("analysis.roi-proposal (waiting for a worker)")) {
                return new Outcome(caseId, barcode, reconstructed, line, true, stages);
            }
            if (line.contains("Task_ReviewQc")) {
                return new Outcome(caseId, barcode, reconstructed, line, false, stages);
            }
            for (JsonNode message : details.path("waitingFor")) {
                if ("RawDataUploaded".equals(message.asText())) {
                    throw new IllegalStateException("the upload was refused (" + xrayVariable(caseId, "badUploadReason")
                            .asText("no reason recorded") + "); the case waits for a new one");
                }
            }
            interval.pause();
        }
        throw new IllegalStateException("case " + caseId + " did not reach QC within " + timeout);
    }

    private static String reconstructedUri(JsonNode details) {
        for (JsonNode d : details.path("datasets")) {
            if ("RECONSTRUCTED".equals(d.path("level").asText())) {
                return d.path("uri").asText();
            }
        }
        return null;
    }

    void complete(String caseId, String taskKey, long deadline, Map<String, Object> values)
            throws InterruptedException {
        completeAs(caseId, taskId(caseId, taskKey, deadline), taskKey, values);
    }

    /** Completes a task as the demo user of its candidate group (user name = group name). */
    private void completeAs(String caseId, String taskId, String taskKey, Map<String, Object> values) {
        String user = "coordinator";
        for (JsonNode link : platform.get("coordinator", "/engine-rest/task/" + taskId + "/identity-links")) {
            if ("candidate".equals(link.path("type").asText()) && link.path("groupId").isTextual()) {
                user = link.path("groupId").asText();
                break;
            }
        }
        platform.completeTask(user, taskId, values);
        stage(taskKey + " completed as " + user);
    }

    String taskId(String caseId, String taskKey, long deadline) throws InterruptedException {
        PollInterval interval = new PollInterval();
        while (System.nanoTime() < deadline) {
            JsonNode tasks = platform.get("coordinator", "/engine-rest/task?processInstanceBusinessKey="
                    + PlatformClient.query(caseId) + "&taskDefinitionKey=" + PlatformClient.query(taskKey));
            if (tasks.isArray() && !tasks.isEmpty()) {
                return tasks.get(0).path("id").asText();
            }
            interval.pause();
        }
        throw new IllegalStateException("case " + caseId + " never offered task " + taskKey);
    }

    /** The id of the case's X-ray process instance (running or finished), as Cockpit shows it. */
    public String xrayInstanceId(String caseId) {
        JsonNode instances = platform.get("coordinator", "/engine-rest/history/process-instance?processInstanceBusinessKey="
                + PlatformClient.query(caseId) + "&processDefinitionKey=ixbi-xray&sortBy=startTime&sortOrder=desc");
        if (!instances.isArray() || instances.isEmpty()) {
            throw new IllegalStateException("case " + caseId + " has no X-ray process");
        }
        return instances.get(0).path("id").asText();
    }

    /** Successful completions of an activity's external task in the case's X-ray process, with their worker ids. */
    public List<String> completedBy(String caseId, String activityId) {
        List<String> workers = new ArrayList<>();
        for (JsonNode entry : platform.get("coordinator", "/engine-rest/history/external-task-log?processInstanceId="
                + xrayInstanceId(caseId) + "&activityIdIn=" + activityId + "&successLog=true")) {
            workers.add(entry.path("workerId").asText());
        }
        return workers;
    }

    /** Failed attempts at an activity's external task in the case's X-ray process, from the history. */
    public List<JsonNode> failureLog(String caseId, String activityId) {
        List<JsonNode> entries = new ArrayList<>();
        platform.get("coordinator", "/engine-rest/history/external-task-log?processInstanceId=" + xrayInstanceId(caseId)
                + "&activityIdIn=" + activityId + "&failureLog=true").forEach(entries::add);
        return entries;
    }

    /** Gives a task whose retries ran out one more attempt, as an operator does from an incident in Cockpit. */
    public void retry(String user, String caseId, String topic) {
        JsonNode tasks = platform.get(user, "/engine-rest/external-task?processInstanceId=" + xrayInstanceId(caseId)
                + "&topicName=" + PlatformClient.query(topic));
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw new IllegalStateException("case " + caseId + " has no " + topic + " task");
        }
        platform.put(user, "/engine-rest/external-task/" + tasks.get(0).path("id").asText() + "/retries",
                Map.of("retries", 1));
    }

    private Map<String, JsonNode> xrayVariables(String caseId) {
        JsonNode variables = platform.get("coordinator", "/engine-rest/process-instance/"
                + xrayInstanceId(caseId) + "/variables");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        variables.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().path("value")));
        return values;
    }

    void stage(String text) {
        stages.add(Objects.requireNonNull(text));
        out.println("  " + text);
        out.flush();
    }
}
