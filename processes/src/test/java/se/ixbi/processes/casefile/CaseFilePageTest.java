package se.ixbi.processes.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.dataset.Modality;
import se.ixbi.processes.workflow.ProcessConstants;
import se.ixbi.testservers.ConsoleSessions;

/** The case page's datasets table, read as its HTML says it. */
@IxbiTest
class CaseFilePageTest {

    private static final Pattern ROW = Pattern.compile(
            "<tr id=\"(dataset|transform)-[^\"]+\">\\s*<th scope=\"row\">([^<]+)</th>\\s*<td>([^<]+)</td>");

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;

    @Test
    void datasetsAreListedByLevelInPipelineOrderWithEachRegistrationAsARowOfItsOwn() throws Exception {
        String caseId = driver.register(1.0);
        String core = driver.toBeamtime(caseId);
        driver.xrayToRoi(caseId, core);
        driver.vem(caseId, core);

        String base = "http://localhost:" + port;
        String page = ConsoleSessions.signIn(base, "coordinator").send(HttpRequest.newBuilder(URI.create(base
                + "/cases/" + caseId)).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> rows = ROW.matcher(page).results().map(m -> m.group(2) + " " + m.group(3)).toList();
        assertThat(rows).containsExactly("Raw X-ray", "Raw Volume EM", "Reconstructed X-ray", "Aligned Volume EM",
                "Registered Volume EM into X-ray");
        String text = page.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ");
        assertThat(text).contains("registration.vem-to-xray rigid MI, error 0.2 µm", "uploaded by operator",
                "xray.reconstruct ixbi-workers test");
    }

    @Test
    void aRefusedUploadSaysWhyBesideItsStatus() throws Exception {
        String caseId = driver.register(1.0);
        String core = driver.toUpload(caseId);
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD,
                "SHA-256 of the upload does not match the notification");
        driver.upload(caseId, Modality.XRAY, core);

        String base = "http://localhost:" + port;
        String page = ConsoleSessions.signIn(base, "operator").send(HttpRequest.newBuilder(URI.create(base
                + "/cases/" + caseId)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String text = page.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertThat(text).contains("refused SHA-256 of the upload does not match the notification", "verifying");
        // the timeline names the error with its reason, and how long the case waited for the upload
        assertThat(text).contains("How long", "BPMN error Bad upload engine Bad upload: SHA-256 of the upload does "
                + "not match the notification");
        assertThat(text).containsPattern("Event arrived Await raw data upload engine [0-9.]+ s Await raw data "
                + "upload: arrived after [0-9.]+ s");
    }
}
