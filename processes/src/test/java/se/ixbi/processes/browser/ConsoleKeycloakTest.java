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
            browser.go(base + "/");
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.type(By.id("username"), "coordinator");
            browser.type(By.id("password"), "coordinator");
            browser.click(By.id("kc-login"));
            browser.awaitText("Pipeline board");
            browser.awaitText(By.id("case-" + caseId), "task for clinicians");
            browser.screenshot("console-board-keycloak");

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
            browser.go(base + "/");
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.type(By.id("username"), "auditor");
            browser.type(By.id("password"), "auditor");
            browser.click(By.id("kc-login"));
            browser.awaitUrl(base + "/audit");
            browser.awaitText("Intact.");
            browser.go(base + "/board/rows");
            browser.awaitText("This page is not for your role");
        }
    }
}
