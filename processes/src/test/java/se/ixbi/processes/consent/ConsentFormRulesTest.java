package se.ixbi.processes.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/**
 * The forms' rules hold when the task is completed without the form, over {@code /engine-rest}: each
 * refusal is a 400 with the reason in words, the task stays open and nothing is recorded.
 */
@IxbiTest
class ConsentFormRulesTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    @Autowired
    ConsentRepository consents;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    @Test
    void aVersionANameForAStaffIdOrADateToComeIsRefusedWithTheReason() {
        String caseId = driver.register(1.0);
        String tomorrowEverywhere = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1).toString();

        assertRefused(caseId, consent("draft", "dr.berg", "2026-11-20"),
                "Consent form version (consentVersion) must be a form version such as 2.1");
        assertRefused(caseId, consent("2.1", "Dr Anna Berg", "2026-11-20"), "Obtained by (consentObtainedBy) must be"
                + " the staff user id of who obtained it");
        assertRefused(caseId, consent("2.1", "dr.berg", tomorrowEverywhere), "Signed on (consentSignedOn) "
                + tomorrowEverywhere + " is in the future");
        assertRefused(caseId, consent("2.1", "dr.berg", "20.11.2026"), "is not a date such as 2026-12-01");
        assertThat(consents.findByCaseId(caseId)).isEmpty();

        Response accepted = complete("clinician", caseId, "Task_ObtainConsent", consent("2.1", "dr.berg",
                "2026-11-20"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
        assertThat(consents.findByCaseId(caseId)).hasValueSatisfying(c -> {
            assertThat(c.getFormVersion()).isEqualTo("2.1");
            assertThat(c.getObtainedBy()).isEqualTo("dr.berg");
        });
    }

    @Test
    void aBiopsyWithFewerBarcodesThanCoresIsRefusedAs400NotAsAServerFailure() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        driver.complete(caseId, "Task_ScheduleBiopsy", Map.of("guidanceModality", "CT", "biopsyTarget",
                "liver segment VI", "biopsyDate", "2026-11-21"));
        Response refused = complete("clinician", caseId, "Task_RecordBiopsy", """
                {"variables": {"coreCount": {"value": 3, "type": "Long"}, "specimenBarcodes": {"value": "CX0001A, CX0001B"},
                 "tissueType": {"value": "liver"}, "specimenSizeMm": {"value": 3.0, "type": "Double"},
                 "fixation": {"value": "glutaraldehyde"}}}""");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("INVALID_SPECIMEN", "3 cores recorded but 2 barcodes given");
        assertThat(driver.task(caseId, "Task_RecordBiopsy")).as("the task stays open").isNotNull();
    }

    @Test
    void aProposalNumberThatIsNotEightDigitsIsRefusedInWords() {
        String caseId = driver.register(1.0);
        driver.toBeamtime(caseId);
        Response refused = complete("operator", caseId, "Task_ScheduleBeamtime", """
                {"variables": {"beamline": {"value": "ForMAX"}, "proposalId": {"value": "MAX-12"},
                 "beamtimeDate": {"value": "2026-12-01"}}}""");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Proposal number must be the eight digits of the MAX IV proposal, such as"
                + " 20261234, not 'MAX-12'");
        assertThat(driver.task(caseId, "Task_ScheduleBeamtime")).as("the task stays open").isNotNull();
    }

    /** Tasklist shows a failed form pattern as the pattern itself: no form has one, the engine says it in words. */
    @Test
    void noFormShowsItsUserARegularExpression() throws IOException {
        Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
        assertThat(forms).hasSizeGreaterThan(10);
        for (Resource form : forms) {
            assertThat(form.getContentAsString(StandardCharsets.UTF_8)).as(form.getFilename())
                    .doesNotContain("\"pattern\"");
        }
    }

    private void assertRefused(String caseId, String variables, String reason) {
        Response refused = complete("clinician", caseId, "Task_ObtainConsent", variables);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("CONSENT_INVALID", reason);
        assertThat(driver.task(caseId, "Task_ObtainConsent")).as("the task stays open").isNotNull();
    }

    private static String consent(String version, String obtainedBy, String signedOn) {
        return """
                {"variables": {"consentDecision": {"value": "granted"}, "scopeXray": {"value": true},
                 "consentVersion": {"value": "%s"}, "consentObtainedBy": {"value": "%s"},
                 "consentSignedOn": {"value": "%s"}}}""".formatted(version, obtainedBy, signedOn);
    }

    private Response complete(String user, String caseId, String taskKey, String body) {
        return api.post(user, "/engine-rest/task/" + driver.task(caseId, taskKey).getId() + "/complete", body);
    }
}
