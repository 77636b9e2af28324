package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.KeycloakModeTest;
import se.ixbi.testservers.SharedKeycloak;

/** The console in Keycloak mode: the same pages, signed in and out through Keycloak. */
class ConsoleKeycloakTest extends KeycloakModeTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void aCoordinatorSignsInThroughKeycloakSeesTheBoardAndSignsOutOfBoth() {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        String caseId = driver.register(1.0);
        try (Browser browser = Browser.open()) {
            signIn(browser, base + "/", "coordinator");
            browser.awaitText("Pipeline board");
            browser.awaitText(By.id("case-" + caseId), "task for clinicians");
            browser.screenshot("console-board-keycloak");
            assertThat(browser.accessibilityViolations()).isEmpty();

            browser.click(By.cssSelector("form.account button"));
            // Keycloak's session ends too: the console's start page asks for the password again
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.await(By.id("kc-login"));
            assertThat(browser.text()).doesNotContain("Pipeline board");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }

    @Test
    void anAuditorIsSentToTheAuditPageAndRefusedTheBoard() {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        try (Browser browser = Browser.open()) {
            signIn(browser, base + "/", "auditor");
            browser.awaitUrl(base + "/audit");
            browser.awaitText("Intact.");
            browser.go(base + "/board/rows");
            browser.awaitText("This page is not for your role");
        }
    }

    @Test
    void aClinicianFindsTheirCasesAndIsRefusedAnotherOnesThroughKeycloak() {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        String theirs = driver.register(1.0);
        String another = driver.register(1.0);
        driver.toBeamtime(another);
        try (Browser browser = Browser.open()) {
            signIn(browser, base + "/", "clinician");
            browser.awaitUrl(base + "/my-cases");
            browser.awaitText(theirs);
            assertThat(browser.text()).doesNotContain(another);
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.screenshot("console-my-cases-keycloak");

            browser.go(base + "/cases/" + theirs);
            browser.awaitText("Obtain research consent");
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.go(base + "/cases/" + another);
            browser.awaitText("This page is not for your role");
            assertThat(browser.text()).doesNotContain("Timeline");
        }
    }

    @Test
    void anOperatorWatchesTheWorkQueueThroughKeycloak() {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        try (Browser browser = Browser.open()) {
            signIn(browser, base + "/queue", "operator");
            browser.awaitUrl(base + "/queue");
            browser.awaitText(By.id("topic-xray.reconstruct"), "1");
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.screenshot("console-queue-keycloak");
            browser.go(base + "/audit");
            browser.awaitText("This page is not for your role");
        }
    }

    /** Opens a console page and signs in on Keycloak's page, where the console sends an unknown visitor. */
    private static void signIn(Browser browser, String page, String user) {
        browser.go(page);
        browser.awaitUrl(SharedKeycloak.issuer());
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), user);
        browser.click(By.id("kc-login"));
    }
}
