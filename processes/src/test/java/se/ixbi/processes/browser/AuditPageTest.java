package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** An auditor reads the trail, exports it, sees the chain's state and opens a case's history; changes nothing. */
@IxbiTest
class AuditPageTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void anAuditorSearchesExportsAndReadsACaseWithoutAnyActionToTake() throws Exception {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, false, false);
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.signInOnConsole("auditor");
            browser.awaitUrl(base + "/audit");
            browser.awaitText("Intact.");

            browser.type(By.id("caseId"), caseId);
            browser.click(By.cssSelector("#trail-heading + form button"));
            browser.awaitUrl(base + "/audit?caseId=" + caseId);
            String trail = browser.await(By.cssSelector("table.trail")).getText();
            assertThat(trail).contains("CASE_REGISTERED", "CONSENT_RECORDED", "STAGE_ENTERED");
            // details in words, as an auditor reads them: no enum constants, no Java record syntax
            assertThat(trail).contains("entered Consent", "entered Biopsy",
                    "consent granted on form version 2.1; scopes: X-ray tomography")
                    .doesNotContain("ConsentScopes[", "stage CONSENT");
            assertThat(browser.await(By.id("found")).getText()).startsWith(
                    browser.findAll(By.cssSelector("table.trail tbody tr")).size() + " events match");
            browser.screenshot("console-audit-auditor");
            assertThat(browser.accessibilityViolations()).isEmpty();
            // reading only: the one form that posts is the sign-out
            assertThat(browser.findAll(By.cssSelector("form[method=post]"))).hasSize(1);

            String csv = fetch(browser, browser.await(By.id("export-csv")).getAttribute("href"));
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).isEqualTo("seq,occurred_at,actor,action,case_id,detail,previous_hash,hash");
            assertThat(lines).hasSize(browser.findAll(By.cssSelector("table.trail tbody tr")).size() + 1);
            assertThat(lines.get(1)).contains("coordinator,CASE_REGISTERED," + caseId);
            JsonNode json = new ObjectMapper().readTree(fetch(browser,
                    browser.await(By.id("export-json")).getAttribute("href")));
            // the same events, and the CSV export's own record since
            assertThat(json.size()).isEqualTo(lines.size());
            assertThat(json.get(json.size() - 1).path("action").asText()).isEqualTo("AUDIT_EXPORTED");
            assertThat(json.get(0).path("action").asText()).isEqualTo("CASE_REGISTERED");
            assertThat(json.get(0).path("caseId").asText()).isEqualTo(caseId);

            browser.type(By.id("historyCase"), caseId);
            browser.click(By.cssSelector("#case-heading + form button"));
            browser.awaitUrl(base + "/cases/" + caseId);
            browser.awaitText("Timeline");
            assertThat(browser.text()).contains("Consent recorded");
            assertThat(browser.findAll(By.cssSelector("a[href*='tasklist']"))).isEmpty();
            // the export and the history read are on the record themselves
            browser.go(base + "/audit?actor=auditor&caseId=" + caseId);
            browser.awaitText("HISTORY_READ");
            assertThat(browser.await(By.cssSelector("table.trail")).getText()).contains("AUDIT_EXPORTED");
        }
    }

    @Test
    void theTrailNarrowsByActionAndByDays() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, false, false);
        String base = "http://localhost:" + port;
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        try (Browser browser = Browser.open()) {
            browser.go(base + "/audit");
            browser.signInOnConsole("auditor");
            browser.awaitText("Intact.");

            browser.go(base + "/audit?caseId=" + caseId + "&action=CONSENT_RECORDED");
            List<String> actions = browser.findAll(By.cssSelector("table.trail tbody tr td code")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            assertThat(actions).containsExactly("CONSENT_RECORDED");

            browser.go(base + "/audit?caseId=" + caseId + "&from=" + today + "&to=" + today);
            assertThat(browser.findAll(By.cssSelector("table.trail tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
            browser.go(base + "/audit?caseId=" + caseId + "&from=" + today.plusDays(1));
            browser.awaitText("No event matches. Clear a filter, or widen the days.");
            assertThat(browser.findAll(By.cssSelector("table.trail tbody tr"))).isEmpty();
            browser.go(base + "/audit?caseId=" + caseId + "&to=" + today.minusDays(1));
            browser.awaitText("No event matches.");
            // the form shows the days it narrowed by
            assertThat(browser.await(By.id("to")).getDomProperty("value")).isEqualTo(today.minusDays(1).toString());
        }
    }

    @Test
    void aClinicianHasNoAuditPage() {
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/audit");
            browser.signInOnConsole("clinician");
            browser.awaitText("This page is not for your role");
        }
    }

    /** What the browser's own session fetches from the address (as a download would). */
    private static String fetch(Browser browser, String url) {
        return (String) browser.evaluateAsync("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text()).then(done);""", url);
    }
}
