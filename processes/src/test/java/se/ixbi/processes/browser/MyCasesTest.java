package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** A clinician's start page: the cases with a task for them and those they completed one for, nothing else. */
@IxbiTest
class MyCasesTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;
    @Autowired
    IdentityService identity;

    @Test
    void aClinicianSeesTheirCasesAndOpensTheirTaskInTasklist() {
        String waitingForThem = driver.register(1.0);
        String completedByThem = driver.register(1.0);
        // the clinician completes the consent as Tasklist does: signed in, the engine records who
        identity.setAuthentication("clinician", List.of("clinician"));
        try {
            driver.complete(completedByThem, "Task_ObtainConsent", Map.of("consentDecision", "granted",
                    "scopeXray", true, "scopeVem", true, "scopeOmics", true, "scopeDataSharing", true,
                    "scopeFutureResearch", false, "consentVersion", "2.1", "consentObtainedBy", "dr.berg",
                    "consentSignedOn", "2026-11-20"));
        } finally {
            identity.clearAuthentication();
        }
        driver.work(completedByThem, "fhir.consent");
        // then on past the clinic's tasks: nothing waits for a clinician in it any more
        driver.scanAtBeamline(driver.biopsy(completedByThem, "C" + completedByThem.substring(5).replace("-", "")
                + "A"));
        String notTheirs = driver.register(1.0);
        driver.toBeamtime(notTheirs);

        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.signInOnConsole("clinician");
            browser.awaitUrl(base + "/my-cases");
            browser.awaitText("My cases");
            assertThat(browser.await(By.id("case-" + waitingForThem)).getText()).contains("Consent",
                    "Obtain research consent");
            assertThat(browser.await(By.id("case-" + completedByThem)).getText()).contains("X-ray",
                    "nothing now");
            assertThat(browser.findAll(By.id("case-" + notTheirs))).isEmpty();
            browser.screenshot("console-my-cases-clinician");
            assertThat(browser.accessibilityViolations()).isEmpty();
            String link = browser.await(By.cssSelector("#case-" + waitingForThem + " a[href*='tasklist']"))
                    .getAttribute("href");
            assertThat(link).contains("/camunda/app/tasklist/default/#/?task="
                    + driver.task(waitingForThem, "Task_ObtainConsent").getId());
        }
    }
}
