package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/**
 * Tasklist's cards tell one case's task from another's for every role: a clinician, who may read the tasks offered
 * to them but not the case's process, sees each consent card with its case and use case.
 */
@IxbiTest
class TaskCardsTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void aClinicianSeesTheCaseAndUseCaseOnEveryCard() {
        String first = driver.register(1.0);
        String second = driver.register("liver-fibrosis", 2.0);

        try (Browser browser = Browser.open()) {
            browser.go("http://localhost:" + port + "/camunda/app/tasklist/default/");
            browser.type(By.cssSelector("input[ng-model=username]"), "clinician");
            browser.type(By.cssSelector("input[type=password]"), "clinician");
            browser.click(By.cssSelector("button[type=submit]"));
            browser.awaitText("Obtain research consent");
            browser.awaitText(second);
            String cards = browser.await(By.cssSelector(".tasks-list")).getText();
            assertThat(cards).contains(first, second, "Use case:", "Liver fibrosis staging");
            // each of these two consent cards names its own case (other tests' processes share the engine)
            assertThat(cards.lines().filter(l -> l.equals(first) || l.equals(second)).count()).isEqualTo(2);
            browser.screenshot("tasklist-clinician-cards");
        }
    }
}
