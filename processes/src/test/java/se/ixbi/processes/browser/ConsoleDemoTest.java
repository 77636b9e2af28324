package se.ixbi.processes.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.workflow.ProcessConstants;

/** The console in the embedded default, opened as people open it: its own sign-in form, then their pages. */
@IxbiTest
class ConsoleDemoTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;
    @Autowired
    RuntimeService runtime;

    @Test
    void aCoordinatorSeesTheCaseOnTheBoardAndAWorkersProgressWithoutReloading() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.awaitUrl(base + "/login");
            browser.screenshot("console-sign-in");
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.signInOnConsole("coordinator");
            browser.awaitText("Pipeline board");
            By row = By.id("case-" + caseId);
            browser.awaitText(row, "queued for a worker: xray.reconstruct");
            assertThat(browser.await(row).getText()).contains("Liver fibrosis staging", "X-ray", "On time",
                    "of 21 days");

            browser.execute("window.notReloaded = true;");
            LockedExternalTask locked = driver.fetch(caseId, "xray.reconstruct");
            runtime.setVariables(locked.getProcessInstanceId(), Map.of("workProgressTopic", "xray.reconstruct",
                    "workProgressPercent", 40, "workProgressStep", "filtering projections"));
            browser.awaitText(row, "40%");
            assertThat(browser.await(row).getText()).contains("filtering projections");
            runtime.setVariables(locked.getProcessInstanceId(), Map.of("workProgressPercent", 75));
            browser.awaitText(row, "75%");
            assertThat(browser.evaluate("return window.notReloaded === true;")).isEqualTo(true);
            browser.screenshot("console-board-coordinator");
            assertThat(browser.accessibilityViolations()).isEmpty();
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }

    @Test
    void anOperatorRetriesAFailedTaskFromTheWorkQueue() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        driver.fail(caseId, "xray.reconstruct", "CUDA out of memory");
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/queue");
            browser.signInOnConsole("operator");
            browser.awaitText("Work queue");
            By incident = By.xpath("//table[contains(@class,'incidents')]//tr[th[a[text()='" + caseId + "']]]");
            browser.awaitText(incident, "CUDA out of memory");
            browser.screenshot("console-queue-operator");
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.click(By.xpath("//table[contains(@class,'incidents')]//tr[th[a[text()='" + caseId
                    + "']]]//button"));
            browser.awaitText("Retried Reconstruct volume of " + caseId);
            assertThat(browser.findAll(incident)).isEmpty();
            assertThat(browser.await(By.id("topic-xray.reconstruct")).getText()).contains("xray.reconstruct");
        }
    }

    @Test
    void theCasePageShowsConsentSpecimensWithCustodyDatasetsAndTheTimeline() {
        String caseId = driver.register(1.0);
        String barcode = driver.toUpload(caseId);
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.timeZone("Asia/Tokyo");
            browser.go(base + "/");
            browser.signInOnConsole("coordinator");
            browser.click(By.linkText(caseId));
            browser.awaitUrl(base + "/cases/" + caseId);
            browser.awaitText("Specimens and chain of custody");
            // times in the viewer's zone: the server writes UTC instants, the page says them in Tokyo's time
            WebElement registered = browser.await(By.cssSelector("table.timeline time"));
            java.time.Instant at = java.time.Instant.parse(registered.getDomAttribute("datetime"));
            assertThat(registered.getText().replace('\u202f', ' ')).isEqualTo(java.time.format.DateTimeFormatter
                    .ofPattern("MMM d, yyyy, h:mm a", java.util.Locale.US).withZone(java.time.ZoneId.of("Asia/Tokyo"))
                    .format(at));
            String page = browser.text();
            assertThat(page).contains("Liver fibrosis staging", "X-ray tomography: yes", "Form version", "2.1",
                    barcode, "core", "data.verify", "Timeline", "Consent recorded");
            browser.click(By.cssSelector("#specimen-" + barcode + " summary"));
            browser.awaitText(By.id("specimen-" + barcode), "received at beamline at MAX IV ForMAX by operator");
            assertThat(browser.await(By.cssSelector("table.datasets")).getText()).contains("Raw", "X-ray", "uploaded by operator");
            browser.screenshot("console-case-coordinator");
            assertThat(browser.accessibilityViolations()).isEmpty();

            browser.go(base + "/cases/IXBI-1999-999999");
            browser.awaitText("No case with id IXBI-1999-999999");
        }
    }

    @Test
    void everyPageFitsADeskScreenAndATabletWithoutScrollingSideways() {
        String caseId = driver.register(1.0);
        String barcode = driver.toUpload(caseId);
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD, "the SHA-256 of "
                + "s3://ixbi/cases/" + caseId + "/XRAY/raw/a-very-long-object-name-that-does-not-break-anywhere.h5 "
                + "is " + "ab".repeat(32) + ", not the one announced");
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.signInOnConsole("coordinator");
            browser.awaitText("Pipeline board");
            for (int[] size : new int[][] {{1280, 800}, {820, 1180}}) {
                browser.resize(size[0], size[1]);
                for (String page : List.of("/", "/statistics", "/queue", "/services", "/cases/" + caseId, "/audit")) {
                    browser.go(base + page);
                    browser.await(By.tagName("h1"));
                    assertThat(browser.scrollsSideways()).as("%s at %d px", page, size[0]).isFalse();
                }
                browser.go(base + "/cases/" + caseId);
                browser.await(By.tagName("h1"));
                browser.screenshot("console-case-" + size[0] + "px");
                // the open task, linked into Tasklist
                assertThat(browser.await(By.linkText("Upload the scan again")).getDomAttribute("href")).isEqualTo(
                        "/camunda/app/tasklist/default/#/?task=" + driver.task(caseId, "Task_XrayUploadAgain").getId());
            }
        }
    }

    @Test
    void theCasePageLoadsTheSlicePicturesThroughTheServer() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        driver.work(caseId, "xray.reconstruct", driver.reconstructedWithPictures(caseId));
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/cases/" + caseId);
            browser.signInOnConsole("operator");
            browser.awaitText(By.id("pictures-heading"), "Pictures");
            // scrolled to, as a person scrolls: the pictures load lazily, each from the engine, not the store
            Object loaded = browser.evaluateAsync("""
                    const done = arguments[arguments.length - 1];
                    const images = [...document.querySelectorAll('.pictures img')];
                    document.getElementById('pictures-heading').scrollIntoView();
                    Promise.all(images.map(i => i.complete ? Promise.resolve() : new Promise(r => {
                        i.addEventListener('load', r); i.addEventListener('error', r); })))
                      .then(() => done(images.map(i => new URL(i.src).pathname.startsWith('/cases/')
                          + ' ' + i.naturalWidth + 'x' + i.naturalHeight)));""");
            assertThat(loaded).asList().containsExactly("true 200x160", "true 200x160", "true 200x160");
            assertThat(browser.text()).contains("X-ray volume", "Reconstructed X-ray volume, XY slice");
            browser.screenshot("console-case-pictures");
            assertThat(browser.accessibilityViolations()).isEmpty();
        }
    }

    @Test
    void aClinicianOpensTheCasesTheyTakePartInOnly() {
        String withTheirTask = driver.register(1.0);
        String withoutThem = driver.register(1.0);
        driver.toBeamtime(withoutThem);
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/cases/" + withTheirTask);
            browser.signInOnConsole("clinician");
            browser.awaitText("Case " + withTheirTask);
            assertThat(browser.text()).contains("Obtain research consent");
            browser.go(base + "/cases/" + withoutThem);
            browser.awaitText("This page is not for your role");
        }
    }

    @Test
    void theStatisticsShowEachStageAgainstItsTargetWithCharts() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/statistics");
            browser.signInOnConsole("coordinator");
            browser.awaitText("Stage statistics");
            assertThat(browser.await(By.id("stage-CONSENT")).getText()).contains("Consent", "7 days");
            browser.await(By.cssSelector(".chart svg"));
            assertThat(browser.findAll(By.cssSelector(".chart svg"))).hasSize(2);
            browser.screenshot("console-statistics");
            assertThat(browser.accessibilityViolations()).isEmpty();
        }
    }

    @Test
    void theBoardFiltersWithoutLosingTheAddress() {
        String atBiopsy = driver.register(1.0);
        driver.consent(atBiopsy, true, true, true);
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.signInOnConsole("operator");
            browser.await(By.id("case-" + atBiopsy));
            browser.select(By.id("stage"), "Biopsy");
            browser.awaitUrl(base + "/?stage=BIOPSY");
            browser.await(By.id("case-" + atBiopsy));
            assertThat(browser.findAll(By.cssSelector("#board-rows tr[data-stage]")))
                    .allMatch(r -> "BIOPSY".equals(r.getAttribute("data-stage")));
            browser.screenshot("console-board-filtered");
        }
    }

    @Test
    void otherRolesAreSentToTheirPagesOrRefused() {
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.signInOnConsole("clinician");
            browser.awaitUrl(base + "/my-cases");
            browser.go(base + "/services");
            browser.awaitText("Phase-contrast X-ray tomography");
            browser.screenshot("console-services-clinician");
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.go(base + "/board/rows");
            browser.awaitText("This page is not for your role");
        }
        try (Browser browser = Browser.open()) {
            browser.go(base + "/");
            browser.signInOnConsole("worker");
            browser.awaitText("This page is not for your role");
        }
    }

    @Test
    void aWrongPasswordIsSaidPlainlyAndSigningOutEndsTheSession() {
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.open()) {
            browser.go(base + "/login");
            // an unknown user: a known one would be locked for seconds after a wrong password (the engine's rule)
            browser.type(By.id("username"), "nobody");
            browser.type(By.id("password"), "wrong");
            browser.click(By.cssSelector("main button[type=submit]"));
            browser.awaitText("Unknown user or wrong password");
            browser.signInOnConsole("coordinator");
            browser.awaitText("Pipeline board");
            browser.click(By.cssSelector("form.account button"));
            browser.awaitText("You are signed out");
            browser.go(base + "/");
            browser.awaitUrl(base + "/login");
            assertThat(browser.passwordChallenges()).isEmpty();
        }
    }
}
