package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.workflow.ProcessConstants;

/** The review forms in Tasklist show the evidence they ask people to judge, as a reviewer opens them. */
@IxbiTest
class ReviewFormsTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void theQcReviewShowsEachFigureWithItsThresholdAndTheRegistrationReviewItsFigures() {
        String failed = driver.register(1.0);
        driver.toReconstruction(failed);
        driver.work(failed, "xray.reconstruct");
        driver.businessError(failed, "xray.qc", ProcessConstants.ERROR_QC_FAILED, "SNR 2.10 < 3.00", Map.of(
                "qcSnr", 2.1, "qcCnr", 4.2, "qcRingScore", 0.012, "qcResolutionUm", 3.25, "qcLevel", "0",
                "qcMinSnr", 3.0, "qcMinCnr", 3.0, "qcMaxRingScore", 0.05, "qcMaxResolutionUm", 6.5));

        String placed = driver.register(1.0);
        String core = driver.toBeamtime(placed);
        driver.xrayToRoi(placed, core);
        driver.toVemReview(placed, core, Map.of("vemTransformId", "t-" + placed,
                "vemTransformAffine", "[1.0,0.0,0.0,5.0,0.0,1.0,0.0,6.0,0.0,0.0,1.0,7.0,0.0,0.0,0.0,1.0]",
                "vemRegistrationErrorUm", 0.42, "vemRegistrationOverlap", 0.97, "vemRegistrationMetric", 0.31,
                "vemRegistrationMode", "rigid"));

        String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=";
        try (Browser browser = Browser.open()) {
            browser.go(tasklist + driver.task(failed, "Task_ReviewQc").getId());
            browser.type(By.cssSelector("input[ng-model=username]"), "coordinator");
            browser.type(By.cssSelector("input[type=password]"), "coordinator");
            browser.click(By.cssSelector("button[type=submit]"));
            browser.awaitText("Signal-to-noise ratio 2.1 (at least 3)");
            assertThat(browser.text()).contains("Case " + failed, "SNR 2.10 < 3.00",
                    "Contrast-to-noise ratio 4.2 (at least 3)", "Ring score 0.012 (at most 0.05)",
                    "Resolution 3.25 µm (at most 6.5 µm)");
            browser.screenshot("tasklist-qc-review");

            browser.go(tasklist + driver.task(placed, "Task_ReviewVemRegistration").getId());
            browser.awaitText("Precision 0.42 µm");
            assertThat(browser.text()).contains("Overlap 0.97", "Mutual information 0.31, rigid model")
                    .doesNotContain("The omics section as the registration placed it");
            assertThat(browser.await(By.linkText("See the block over the X-ray volume on the case page"))
                    .getAttribute("href")).endsWith("/cases/" + placed + "#pictures-heading");
            browser.screenshot("tasklist-registration-review");
        }
    }

    @Test
    void anOperatorSeesWhyTheirUploadWasRefusedAndWhichFile() {
        String caseId = driver.register(1.0);
        String core = driver.toUpload(caseId);
        String uri = driver.details(caseId).datasets().get(0).uri();
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD, uri + " has 1024 bytes, the "
                + "notification said 2048");

        try (Browser browser = Browser.open()) {
            browser.go("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task="
                    + driver.task(caseId, "Task_XrayUploadAgain").getId());
            browser.type(By.cssSelector("input[ng-model=username]"), "operator");
            browser.type(By.cssSelector("input[type=password]"), "operator");
            browser.click(By.cssSelector("button[type=submit]"));
            browser.awaitText("The upload was refused");
            assertThat(browser.text()).contains("Case " + caseId, "The platform read " + uri + " and refused it",
                    "has 1024 bytes, the notification said 2048", "this task then closes by itself");
            browser.screenshot("tasklist-upload-refused");
        }
    }
}
