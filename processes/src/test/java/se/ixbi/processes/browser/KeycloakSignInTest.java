package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
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

    String base;

    @BeforeEach
    void allowRedirectsToThisServer() {
        base = "http://localhost:" + port;
        SharedKeycloak.allowRedirects("ixbi-web", List.of(base + "/*"));
    }

    @Test
    void aClinicianSignsInThroughKeycloakAndFindsTheConsentTask() {
        String caseId = driver.register(1.0);
        try (Browser browser = Browser.open()) {
            browser.go(base + "/camunda/app/tasklist/");
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.screenshot("keycloak-sign-in");
            signIn(browser, "clinician");

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
    void signingOutOfTasklistEndsTheKeycloakSessionSoTheNextPageAsksAgain() {
        try (Browser browser = Browser.open()) {
            browser.go(base + "/camunda/app/tasklist/");
            browser.awaitUrl(SharedKeycloak.issuer());
            signIn(browser, "operator");
            browser.awaitText("Operator Demo");

            // a sign-out without the webapp's token, as a form on another site could post it, ends nothing
            browser.execute("""
                    const form = document.createElement('form');
                    form.method = 'POST';
                    form.action = '/camunda/sign-out';
                    document.body.appendChild(form);
                    form.submit();""");
            browser.awaitText("Not signed out: a sign-out needs the webapp's token");
            browser.go(base + "/camunda/app/tasklist/");
            browser.awaitText("Operator Demo");

            browser.click(By.cssSelector("li.account .dropdown-toggle"));
            browser.click(By.cssSelector("li.logout a"));
            // Keycloak ended its session and sent the browser back; the webapp asks for a sign-in again
            browser.awaitUrl(SharedKeycloak.issuer());
            browser.await(By.id("kc-login"));
            browser.screenshot("tasklist-keycloak-signed-out");
            browser.go(base + "/camunda/app/cockpit/");
            browser.awaitUrl(SharedKeycloak.issuer());
            assertThat(browser.text()).doesNotContain("Operator Demo");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }

    @Test
    void anAuditorHasCockpitButNotTasklist() {
        try (Browser browser = Browser.open()) {
            browser.go(base + "/camunda/app/cockpit/");
            browser.awaitUrl(SharedKeycloak.issuer());
            signIn(browser, "auditor");
            browser.awaitUrl(base + "/camunda/app/cockpit/");
            browser.awaitText("Auditor Demo");
            browser.screenshot("cockpit-keycloak-auditor");
            browser.go(base + "/camunda/app/tasklist/");
            browser.awaitText("This page is not for your role");
            browser.screenshot("tasklist-keycloak-auditor-refused");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }

    /** Keycloak's sign-in page, as a person fills it in (demo users: password = name). */
    private static void signIn(Browser browser, String user) {
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), user);
        browser.click(By.id("kc-login"));
    }
}
