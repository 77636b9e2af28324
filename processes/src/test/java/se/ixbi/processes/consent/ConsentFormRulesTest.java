package se.ixbi.processes.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/**
 * The forms' rules hold when the task is completed without the form, over {@code /engine-rest}: each
 * refusal is a 400 with the reason, the task stays open and nothing is recorded.
 */
@IxbiTest
class ConsentFormRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;
    @Autowired
    ConsentRepository consents;

    @Test
    void aVersionANameForAStaffIdOrADateToComeIsRefusedWithTheReason() throws Exception {
        String caseId = driver.register(1.0);
        String tomorrowEverywhere = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1).toString();

        assertRefused(caseId, consent("draft", "dr.berg", "2026-11-20"), "consentVersion must be a form version");
        assertRefused(caseId, consent("2.1", "Dr Anna Berg", "2026-11-20"), "consentObtainedBy must be the staff user"
                + " id of who obtained it");
        assertRefused(caseId, consent("2.1", "dr.berg", tomorrowEverywhere), "consentSignedOn " + tomorrowEverywhere
                + " is in the future");
        assertRefused(caseId, consent("2.1", "dr.berg", "20.11.2026"), "not an ISO date");
        assertThat(consents.findByCaseId(caseId)).isEmpty();

        HttpResponse<String> accepted = complete(caseId, consent("2.1", "dr.berg", "2026-11-20"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
        assertThat(consents.findByCaseId(caseId)).hasValueSatisfying(c -> {
            assertThat(c.getFormVersion()).isEqualTo("2.1");
            assertThat(c.getObtainedBy()).isEqualTo("dr.berg");
        });
    }

    @Test
    void aBiopsyWithFewerBarcodesThanCoresIsRefusedAs400NotAsAServerFailure() throws Exception {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        driver.complete(caseId, "Task_ScheduleBiopsy", java.util.Map.of("guidanceModality", "CT", "biopsyTarget",
                "liver segment VI", "biopsyDate", "2026-11-21"));
        HttpResponse<String> refused = complete(caseId, "Task_RecordBiopsy", """
                {"variables": {"coreCount": {"value": 3, "type": "Long"}, "specimenBarcodes": {"value": "CX0001A, CX0001B"},
                 "tissueType": {"value": "liver"}, "specimenSizeMm": {"value": 3.0, "type": "Double"},
                 "fixation": {"value": "glutaraldehyde"}}}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("INVALID_SPECIMEN", "3 cores recorded but 2 barcodes given");
        assertThat(driver.task(caseId, "Task_RecordBiopsy")).as("the task stays open").isNotNull();
    }

    private void assertRefused(String caseId, String variables, String reason) throws Exception {
        HttpResponse<String> refused = complete(caseId, variables);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("CONSENT_INVALID", reason);
        assertThat(driver.task(caseId, "Task_ObtainConsent")).as("the task stays open").isNotNull();
    }

    private static String consent(String version, String obtainedBy, String signedOn) {
        return """
                {"variables": {"consentDecision": {"value": "granted"}, "scopeXray": {"value": true},
                 "consentVersion": {"value": "%s"}, "consentObtainedBy": {"value": "%s"},
                 "consentSignedOn": {"value": "%s"}}}""".formatted(version, obtainedBy, signedOn);
    }

    private HttpResponse<String> complete(String caseId, String body) throws Exception {
        return complete(caseId, "Task_ObtainConsent", body);
    }

    private HttpResponse<String> complete(String caseId, String taskKey, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/engine-rest/task/" + driver.task(caseId, taskKey).getId() + "/complete"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "clinician:clinician".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
