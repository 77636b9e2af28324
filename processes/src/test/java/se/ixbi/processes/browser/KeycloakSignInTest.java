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

/** A person opens Tasklist in Keycloak mode: Keycloak's sign-in page, then their tasks; no browser dialog. */
class KeycloakSignInTest extends KeycloakModeTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void aClinicianSignsInThroughKeycloakAndFindsTheConsentTask() {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        String caseId = driver.register(1.0);
        try (Browser browser = Browser.open()) {
            browser.go(base + "/camunda/app/tasklist/");
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.screenshot("keycloak-sign-in");
            browser.type(By.id("username"), "clinician");
            browser.type(By.id("password"), "clinician");
            browser.click(By.id("kc-login"));

            browser.awaitUrl(base + "/camunda/app/tasklist/");
            browser.awaitText("Obtain research consent");
            browser.awaitText("Clinician Demo");
            browser.screenshot("tasklist-keycloak-clinician");
            assertThat(browser.text()).contains("My group tasks");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
        assertThat(caseId).isNotBlank();
    }

    @Test
    void anAuditorHasCockpitButNotTasklist() {
        String base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
        try (Browser browser = Browser.open()) {
            browser.go(base + "/camunda/app/cockpit/");
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.type(By.id("username"), "auditor");
            browser.type(By.id("password"), "auditor");
            browser.click(By.id("kc-login"));
            browser.awaitUrl(base + "/camunda/app/cockpit/");
            browser.awaitText("Auditor Demo");
            browser.screenshot("cockpit-keycloak-auditor");
            browser.go(base + "/camunda/app/tasklist/");
            browser.awaitText("This page is not for your role");
            browser.screenshot("tasklist-keycloak-auditor-refused");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }
}
