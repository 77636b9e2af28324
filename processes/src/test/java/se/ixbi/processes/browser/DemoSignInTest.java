package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/**
 * A person opens Tasklist in the embedded default: the webapp's own sign-in form, and never the browser's password
 * dialog (Tasklist frames {@code /camunda-welcome} and the browser asks for the icon before anybody signs in).
 */
@IxbiTest
class DemoSignInTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void aClinicianSignsInWithTheWebappsFormAndFindsTheConsentTask() {
        driver.register(1.0);
        try (Browser browser = Browser.open()) {
            browser.go("http://localhost:" + port + "/camunda/app/tasklist/");
            browser.await(By.cssSelector("input[type=password]"));
            browser.screenshot("tasklist-demo-sign-in");
            assertThat(browser.passwordChallenges()).isEmpty();

            browser.type(By.cssSelector("input[ng-model=username]"), "clinician");
            browser.type(By.cssSelector("input[type=password]"), "clinician");
            browser.click(By.cssSelector("button[type=submit]"));
            browser.awaitText("Obtain research consent");
            browser.screenshot("tasklist-demo-clinician");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }
}
