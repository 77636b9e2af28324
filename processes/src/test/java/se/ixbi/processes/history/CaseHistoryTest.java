package se.ixbi.processes.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.dataset.Modality;
import se.ixbi.processes.workflow.ProcessConstants;

/** What an auditor reads of a case: engine history and audit trail merged in time order, as JSON and CSV. */
@IxbiTest
class CaseHistoryTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;

    @Test
    void theAuditorReadsWhoDidWhatWhenAndTheReadIsRecorded() {
        ApiClient api = new ApiClient(rest);
        String caseId = driver.register(1.0);
        String taskId = api.get("clinician", "/engine-rest/task?processInstanceBusinessKey=" + caseId).json().get(0)
                .path("id").asText();
        assertThat(api.post("clinician", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"clinician\"}")
                .status()).isEqualTo(204);
        Response submitted = api.post("clinician", "/engine-rest/task/" + taskId + "/submit-form", """
                {"variables": {
                  "consentDecision": {"value": "granted"}, "scopeXray": {"value": true},
                  "scopeVem": {"value": false}, "scopeOmics": {"value": false},
                  "consentVersion": {"value": "2.1"}, "consentObtainedBy": {"value": "dr.berg"},
                  "consentSignedOn": {"value": "2026-11-20"}}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
        driver.work(caseId, "fhir.consent");

        Response read = api.get("auditor", "/api/cases/" + caseId + "/history");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode history = read.json();
        List<String> kinds = history.findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("CASE_REGISTERED", "TASK_CREATED", "TASK_CLAIM", "TASK_COMPLETE",
                "CONSENT_RECORDED");
        assertThat(kinds).contains("WORK_DONE", "TASK_ENDED");
        assertThat(entry(history, "TASK_CLAIM").path("actor").asText()).isEqualTo("clinician");
        assertThat(entry(history, "TASK_COMPLETE").path("actor").asText()).isEqualTo("clinician");
        assertThat(entry(history, "WORK_DONE").path("subject").asText()).isEqualTo("fhir.consent");
        assertThat(entry(history, "CONSENT_RECORDED").path("source").asText()).isEqualTo("audit");
        // in time order
        List<String> times = history.findValuesAsText("at");
        assertThat(times).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));

        HttpHeaders csvRequest = new HttpHeaders();
        csvRequest.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ResponseEntity<String> csv = rest.withBasicAuth("auditor", "auditor").exchange(
                "/api/cases/" + caseId + "/history", HttpMethod.GET, new HttpEntity<>(csvRequest), String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo("at,kind,actor,subject,detail,source,data");
        // the second read sees the first one recorded
        assertThat(lines).hasSize(history.size() + 2);
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains(caseId + "-history.csv");

        JsonNode trail = api.get("auditor", "/api/cases/" + caseId + "/history").json();
        assertThat(trail.findValuesAsText("kind").stream().filter("HISTORY_READ"::equals)).hasSize(2);
        JsonNode reads = entry(trail, "HISTORY_READ");
        assertThat(reads.path("actor").asText()).isEqualTo("auditor");
        assertThat(reads.path("detail").asText()).endsWith("as json");

        assertThat(api.get("clinician", "/api/cases/" + caseId + "/history").status()).isEqualTo(403);
        assertThat(api.get("auditor", "/api/cases/IXBI-1999-999999/history").status()).isEqualTo(404);
    }

    @Test
    void theTimelineSaysInWordsWhatWasDecidedWhyUploadsWereRefusedAndHowLongThingsTook() {
        String caseId = driver.register(1.0);
        ApiClient api = new ApiClient(rest);
        String consentTask = driver.task(caseId, "Task_ObtainConsent").getId();
        Response consented = api.post("clinician", "/engine-rest/task/" + consentTask + "/submit-form", """
                {"variables": {
                  "consentDecision": {"value": "granted"}, "scopeXray": {"value": true},
                  "scopeVem": {"value": false}, "scopeOmics": {"value": false},
                  "consentVersion": {"value": "2.1"}, "consentObtainedBy": {"value": "dr.berg"},
                  "consentSignedOn": {"value": "2026-11-20"}}}""");
        assertThat(consented.status()).as(consented.body()).isEqualTo(204);
        driver.work(caseId, "fhir.consent");
        String barcode = driver.biopsy(caseId, "C" + caseId.substring(5).replace("-", "") + "H");
        driver.scanAtBeamline(barcode);
        driver.scheduleBeamtime(caseId);
        driver.upload(caseId, Modality.XRAY, barcode);
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD, "the checksum does not match");
        driver.upload(caseId, Modality.XRAY, barcode);
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD, "scan.h5 has no /exchange/data");
        driver.upload(caseId, Modality.XRAY, barcode);
        driver.work(caseId, "data.verify");

        JsonNode history = api.get("auditor", "/api/cases/" + caseId + "/history").json();

        JsonNode plan = entry(history, "DECISION");
        assertThat(plan.path("subject").asText()).isEqualTo("Phase-contrast acquisition plan");
        assertThat(plan.path("detail").asText()).contains("Energy (keV) ", "Estimated dose (Gy) ",
                "Within dose envelope yes", "(from ", "Target resolution (µm) 1");
        // each refusal with its own reason, though both wrote the same variable
        assertThat(all(history, "BPMN_ERROR")).extracting(e -> e.path("detail").asText()).containsExactly(
                "Bad upload: the checksum does not match", "Bad upload: scan.h5 has no /exchange/data");
        assertThat(entry(history, "RAW_DATA_UPLOADED").path("detail").asText())
                .matches("X-ray raw dataset at s3://ixbi/cases/" + caseId + "/XRAY/raw/[0-9a-f]+\\.h5 \\(SHA-256 [0-9a-f]{64}\\)");
        assertThat(entry(history, "BIOPSY_SCHEDULED").path("detail").asText()).contains("Biopsy date: 2026-11-21");

        JsonNode completed = entry(history, "TASK_COMPLETE");
        assertThat(completed.path("subject").asText()).isEqualTo("Obtain research consent");
        assertThat(completed.path("actor").asText()).isEqualTo("clinician");
        assertThat(completed.path("detail").asText()).isEqualTo("clinician completed Obtain research consent");
        JsonNode ended = entry(history, "TASK_ENDED");
        assertThat(ended.path("data").path(HistoryEntry.DURATION_MS).isNumber()).isTrue();
        assertThat(ended.path("detail").asText()).startsWith("Obtain research consent completed, open ")
                .endsWith(" s");
        JsonNode verified = all(history, "WORK_DONE").stream()
                .filter(e -> e.path("subject").asText().equals("data.verify")).findFirst().orElseThrow();
        assertThat(verified.path("data").path(HistoryEntry.DURATION_MS).asLong()).isNotNegative();
        assertThat(verified.path("detail").asText()).matches("data\\.verify done by " + CaseDriver.WORKER
                + ", [0-9.]+ s after it was queued");
        assertThat(entry(history, "MESSAGE").path("detail").asText()).matches(".+: arrived after [0-9.]+ s");
        assertThat(all(history, "TASK_ENDED")).extracting(e -> e.path("detail").asText())
                .anyMatch(detail -> detail.startsWith("Upload the scan again closed by the process, open "));

        assertThat(history.findValuesAsText("detail")).allSatisfy(detail -> assertThat(detail)
                .doesNotContain("completeed", "energyKev=", "XRAY RAW", "ConsentScopes[", "{", "sha256 "));
    }

    private static List<JsonNode> all(JsonNode history, String kind) {
        List<JsonNode> found = new java.util.ArrayList<>();
        history.forEach(e -> {
            if (e.path("kind").asText().equals(kind)) {
                found.add(e);
            }
        });
        return found;
    }

    private static JsonNode entry(JsonNode history, String kind) {
        for (JsonNode e : history) {
            if (e.path("kind").asText().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " in " + history);
    }
}
