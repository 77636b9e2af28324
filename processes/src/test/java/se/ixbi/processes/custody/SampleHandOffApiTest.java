package se.ixbi.processes.custody;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** Specimens, custody scans, raw data uploads and withdrawal over HTTP, including every refusal. */
@IxbiTest
class SampleHandOffApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    private static String scan(String action) {
        return "{\"action\":\"" + action + "\",\"location\":\"MAX IV ForMAX\",\"note\":\"box 4\"}";
    }

    private static String upload(String modality, String barcode, String uri, String sha) {
        return "{\"modality\":\"" + modality + "\",\"specimenBarcode\":\"" + barcode + "\",\"uri\":\"" + uri
                + "\",\"sha256\":\"" + sha + "\",\"sizeBytes\":1048576}";
    }

    @Test
    void theFirstCoreAtTheBeamlineCompletesTheHandOffAndEveryCoreIsRecorded() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String suffix = caseId.substring(10);
        String first = "HOA" + suffix;
        String second = "HOB" + suffix;
        driver.complete(caseId, "Task_ScheduleBiopsy", java.util.Map.of("guidanceModality", "MRI", "biopsyTarget",
                "prostate, left peripheral zone", "biopsyDate", "2026-11-21"));
        driver.complete(caseId, "Task_RecordBiopsy", java.util.Map.of("coreCount", 2L, "specimenBarcodes",
                first + ", " + second, "tissueType", "prostate", "specimenSizeMm", 2.0, "fixation", "formalin"));
        assertThat(api.get("coordinator", "/api/cases/" + caseId).json().path("waitingFor").get(0).asText())
                .isEqualTo("SampleReceived");
        // the biopsy's record in the clinic runs beside the hand-off; the X-ray stage waits for both
        driver.work(caseId, "fhir.procedure");

        Response shipped = api.post("clinician", "/api/specimens/" + first + "/custody-events", scan("SHIPPED"));
        assertThat(shipped.status()).isEqualTo(201);
        assertThat(shipped.json().path("actor").asText()).isEqualTo("clinician");

        Response received = api.post("operator", "/api/specimens/" + first + "/custody-events",
                scan("RECEIVED_AT_BEAMLINE"));
        assertThat(received.status()).isEqualTo(201);
        driver.runAsyncContinuations();
        assertThat(api.get("coordinator", "/api/cases/" + caseId).json().path("stage").asText()).isEqualTo("XRAY");

        // the second core arrives too: its custody is recorded, the process has moved on and is left alone
        Response secondCore = api.post("operator", "/api/specimens/" + second + "/custody-events",
                scan("RECEIVED_AT_BEAMLINE"));
        assertThat(secondCore.status()).isEqualTo(201);
        assertThat(api.get("auditor", "/api/specimens/" + second).json().path("custody").findValuesAsText("action"))
                .containsExactly("COLLECTED", "RECEIVED_AT_BEAMLINE");

        Response again = api.post("operator", "/api/specimens/" + first + "/custody-events",
                scan("RECEIVED_AT_BEAMLINE"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ALREADY_RECEIVED");

        Response chain = api.get("auditor", "/api/specimens/" + first);
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.json().path("custody").findValuesAsText("action"))
                .containsExactly("COLLECTED", "SHIPPED", "RECEIVED_AT_BEAMLINE");
        assertThat(api.get("coordinator", "/api/cases/" + caseId).json().path("openTasks").findValuesAsText("name"))
                .containsExactly("Schedule beamtime");
    }

    @Test
    void custodyScansAreRefusedForUnknownSpecimensBadActionsAndWrongRoles() {
        assertThat(api.post("operator", "/api/specimens/NOPE0000/custody-events", scan("SHIPPED")).code())
                .isEqualTo("SPECIMEN_NOT_FOUND");
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String core = driver.biopsy(caseId, "BAD" + caseId.substring(10));
        Response badAction = api.post("operator", "/api/specimens/" + core + "/custody-events", scan("TELEPORTED"));
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.body()).contains("TELEPORTED");
        Response noLocation = api.post("operator", "/api/specimens/" + core + "/custody-events",
                "{\"action\":\"SHIPPED\"}");
        assertThat(noLocation.status()).isEqualTo(400);
        assertThat(noLocation.json().path("detail").asText()).contains("location");
        assertThat(api.post("auditor", "/api/specimens/" + core + "/custody-events", scan("SHIPPED")).status())
                .isEqualTo(403);
        assertThat(api.get("auditor", "/api/specimens/" + core).json().path("custody")).hasSize(1);
    }

    @Test
    void rawDataIsAcceptedOnlyWhileTheCaseWaitsForItAndNothingIsKeptOtherwise() {
        String caseId = driver.register(1.0);
        String core = driver.toBeamtime(caseId);
        String sha = "ab".repeat(32);
        String uri = "s3://ixbi/cases/" + caseId + "/" + core + "/xray/raw/scan-1.h5";

        Response early = api.post("operator", "/api/cases/" + caseId + "/datasets", upload("XRAY", core, uri, sha));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("NOT_WAITING");
        assertThat(api.get("coordinator", "/api/cases/" + caseId).json().path("datasets")).isEmpty();

        driver.scheduleBeamtime(caseId);
        Response wrongModality = api.post("operator", "/api/cases/" + caseId + "/datasets",
                upload("VEM", core, uri, sha));
        assertThat(wrongModality.code()).isEqualTo("NOT_WAITING");
        assertThat(api.post("operator", "/api/cases/" + caseId + "/datasets", upload("XRAY", core, uri, "XYZ"))
                .json().path("detail").asText()).contains("sha256");
        assertThat(api.post("operator", "/api/cases/" + caseId + "/datasets",
                upload("XRAY", core, "http://example.org/x", sha)).json().path("detail").asText()).contains("uri");
        assertThat(api.post("operator", "/api/cases/" + caseId + "/datasets", upload("FUSION", core, uri, sha))
                .code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.post("operator", "/api/cases/" + caseId + "/datasets", upload("XRAY", "NOPE0000", uri, sha))
                .code()).isEqualTo("SPECIMEN_NOT_FOUND");
        assertThat(api.post("clinician", "/api/cases/" + caseId + "/datasets", upload("XRAY", core, uri, sha))
                .status()).isEqualTo(403);

        Response accepted = api.post("operator", "/api/cases/" + caseId + "/datasets", upload("XRAY", core, uri, sha));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().path("level").asText()).isEqualTo("RAW");
        // nothing has read the file yet: the answer says so, and where to follow it
        assertThat(accepted.json().path("status").asText()).isEqualTo("VERIFYING");
        String location = accepted.headers().getLocation().toString();
        assertThat(location).isEqualTo("/api/cases/" + caseId + "/datasets/" + accepted.json().path("id").asText());
        assertThat(api.get("operator", location).json().path("status").asText()).isEqualTo("VERIFYING");
        assertThat(api.get("operator", location).json().path("uri").asText()).isEqualTo(uri);
        assertThat(api.get("operator", "/api/cases/" + caseId + "/datasets/no-such-dataset").code())
                .isEqualTo("DATASET_NOT_FOUND");
        assertThat(api.get("operator", "/api/cases/" + driver.register(1.0) + "/datasets/"
                + accepted.json().path("id").asText()).status()).isEqualTo(404);

        var details = api.get("coordinator", "/api/cases/" + caseId).json();
        assertThat(details.path("datasets")).hasSize(1);
        assertThat(details.path("datasets").get(0).path("sha256").asText()).isEqualTo(sha);
        assertThat(details.path("pendingWork").get(0).path("topic").asText()).isEqualTo("data.verify");

        Response duplicate = api.post("operator", "/api/cases/" + caseId + "/datasets", upload("XRAY", core, uri, sha));
        assertThat(duplicate.status()).isIn(409);
        assertThat(api.get("coordinator", "/api/cases/" + caseId).json().path("datasets")).hasSize(1);
    }

    @Test
    void specimensAreCutOnlyFromTheirOwnCaseWithUniqueBarcodes() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String core = driver.biopsy(caseId, "TREE" + caseId.substring(10));
        String path = "/api/cases/" + caseId + "/specimens";

        Response block = api.post("operator", path,
                "{\"type\":\"BLOCK\",\"barcode\":\"" + core + "-B\",\"parentBarcode\":\"" + core + "\"}");
        assertThat(block.status()).isEqualTo(201);
        assertThat(block.json().path("parentBarcode").asText()).isEqualTo(core);
        assertThat(api.post("operator", path, "{\"type\":\"LAMELLA\",\"barcode\":\"" + core
                + "-L\",\"parentBarcode\":\"" + core + "-B\"}").status()).isEqualTo(201);

        assertThat(api.post("operator", path, "{\"type\":\"LAMELLA\",\"barcode\":\"" + core
                + "-L2\",\"parentBarcode\":\"" + core + "\"}").code()).isEqualTo("INVALID_SPECIMEN");
        assertThat(api.post("operator", path, "{\"type\":\"BLOCK\",\"barcode\":\"" + core
                + "-B\",\"parentBarcode\":\"" + core + "\"}").code()).isEqualTo("DUPLICATE_BARCODE");
        assertThat(api.post("operator", path, "{\"type\":\"CORE\",\"barcode\":\"" + core
                + "-C\",\"parentBarcode\":\"" + core + "\"}").code()).isEqualTo("INVALID_SPECIMEN");
        assertThat(api.post("operator", path, "{\"type\":\"BLOCK\",\"barcode\":\"lower-case\",\"parentBarcode\":\""
                + core + "\"}").code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.post("operator", "/api/cases/IXBI-1999-000000/specimens", "{\"type\":\"BLOCK\",\"barcode\":\""
                + core + "-B9\",\"parentBarcode\":\"" + core + "\"}").code()).isEqualTo("CASE_NOT_FOUND");

        String other = driver.register(1.0);
        assertThat(api.post("operator", "/api/cases/" + other + "/specimens", "{\"type\":\"BLOCK\",\"barcode\":\""
                + core + "-B8\",\"parentBarcode\":\"" + core + "\"}").code()).isEqualTo("INVALID_SPECIMEN");

        assertThat(api.get("coordinator", "/api/cases/" + caseId).json().path("specimens").findValuesAsText("type"))
                .containsExactly("CORE", "BLOCK", "LAMELLA");
    }

    @Test
    void withdrawalOverHttpStopsTheCaseAndOnlyClinicalRolesMayAskForIt() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String path = "/api/cases/" + caseId + "/consent/withdrawal";

        assertThat(api.post("auditor", path, "{\"reason\":\"patient request\"}").status()).isEqualTo(403);
        assertThat(api.post("clinician", path, "{}").code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.post("clinician", path, "{\"reason\":\"patient request\"}").status()).isEqualTo(202);
        Response again = api.post("coordinator", path, "{\"reason\":\"patient request\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("CASE_CLOSED");
        assertThat(api.post("coordinator", "/api/cases/IXBI-1999-000000/consent/withdrawal",
                "{\"reason\":\"x\"}").status()).isEqualTo(404);

        var details = api.get("coordinator", "/api/cases/" + caseId).json();
        assertThat(details.path("stage").asText()).isEqualTo("WITHDRAWAL");
        assertThat(details.path("consent").path("withdrawnAt").isNull()).isFalse();
        assertThat(details.path("openTasks")).isEmpty();
    }

    @Test
    void theAuditTrailRecordsWhoDidWhatAndItsChainIsIntact() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);

        Response events = api.get("auditor", "/api/audit?caseId=" + caseId);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().findValuesAsText("action"))
                .containsSubsequence("CASE_REGISTERED", "STAGE_ENTERED", "CONSENT_RECORDED", "STAGE_ENTERED");
        assertThat(events.json().get(0).path("actor").asText()).isEqualTo("coordinator");

        Response verification = api.get("auditor", "/api/audit/verification");
        assertThat(verification.json().path("intact").asBoolean()).isTrue();
        assertThat(verification.json().path("events").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(api.get("clinician", "/api/audit").status()).isEqualTo(403);
        assertThat(api.get("operator", "/api/audit/verification").status()).isEqualTo(403);
    }
}
