package se.ixbi.processes.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.dataset.DatasetPictures;
import se.ixbi.processes.dataset.DatasetPictures.PictureView;
import se.ixbi.testservers.ConsoleSessions;

/**
 * Pictures a worker announced, recorded with the dataset and served by the engine from the object store: to the
 * roles that may open the case, checked against their checksum, and never once consent is withdrawn.
 */
@IxbiTest
class CasePicturesTest {

    @LocalServerPort
    int port;
    @Autowired
    CaseDriver driver;
    @Autowired
    DatasetPictures pictures;

    /** A case reconstructed with pictures; returns the reconstruction's variables, its case id among them. */
    private Map<String, Object> reconstructedWithPictures() {
        String caseId = driver.register(1.0);
        Map<String, Object> announced = new HashMap<>(driver.reconstructedWithPictures(caseId));
        driver.toReconstruction(caseId);
        driver.work(caseId, "xray.reconstruct", announced);
        announced.put("caseId", caseId);
        return announced;
    }

    @Test
    void theAnnouncedPicturesAreServedToThoseWhoMayOpenTheCaseAndToNoOneElse() throws Exception {
        Map<String, Object> announced = reconstructedWithPictures();
        String caseId = announced.get("caseId").toString();

        List<PictureView> recorded = pictures.ofCase(caseId);
        assertThat(recorded).extracting(PictureView::name).containsExactly("xy", "xz", "yz");
        assertThat(recorded).extracting(PictureView::datasetId).containsOnly((String) announced.get("reconstructedDatasetId"));
        JsonNode list = new ObjectMapper().readTree(announced.get("reconstructedPictures").toString());
        byte[] xy = Files.readAllBytes(Path.of(URI.create(list.get(0).path("uri").asText())));

        String picture = "/cases/" + caseId + "/pictures/" + recorded.get(0).id();
        HttpResponse<byte[]> served = get(ConsoleSessions.signIn(base(), "coordinator"), picture);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("Cache-Control").orElse("")).contains("private");
        assertThat(served.body()).isEqualTo(xy);
        assertThat(get(ConsoleSessions.signIn(base(), "auditor"), picture).statusCode()).isEqualTo(200);
        // a clinician who takes no part in the case, and a picture asked for under another case
        assertThat(get(ConsoleSessions.signIn(base(), "clinician"), picture).statusCode()).isEqualTo(403);
        String other = driver.register(1.0);
        assertThat(get(ConsoleSessions.signIn(base(), "coordinator"), "/cases/" + other + "/pictures/"
                + recorded.get(0).id()).statusCode()).isEqualTo(404);
        // the case page shows them with their captions
        String page = new String(get(ConsoleSessions.signIn(base(), "coordinator"), "/cases/" + caseId).body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("src=\"" + picture + "\"", "alt=\"Reconstructed X-ray volume, XY slice\"");

        // a picture changed in the store after it was made is not served
        Files.write(Path.of(URI.create(list.get(1).path("uri").asText())), xy);
        HttpResponse<byte[]> changed = get(ConsoleSessions.signIn(base(), "coordinator"), "/cases/" + caseId
                + "/pictures/" + recorded.get(1).id());
        assertThat(changed.statusCode()).isEqualTo(500);
        assertThat(changed.body()).isNotEqualTo(xy);
    }

    @Test
    void aQuarantinedCaseShowsAndServesNoPicture() throws Exception {
        String caseId = reconstructedWithPictures().get("caseId").toString();
        String picture = "/cases/" + caseId + "/pictures/" + pictures.ofCase(caseId).get(0).id();
        HttpClient coordinator = ConsoleSessions.signIn(base(), "coordinator");
        assertThat(get(coordinator, picture).statusCode()).isEqualTo(200);

        driver.withdraw(caseId);

        HttpResponse<byte[]> refused = get(coordinator, picture);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("quarantined");
        String page = new String(get(coordinator, "/cases/" + caseId).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("its pictures are not shown").doesNotContain("/pictures/");
    }

    @Test
    void aMalformedAnnouncementStopsTheTaskWithTheReasonAndRecordsNothing() {
        String caseId = driver.register(1.0);
        Map<String, Object> variables = new HashMap<>(CaseDriver.reconstructed(caseId));
        variables.put("reconstructedPictures", "[{\"name\": \"../xy\", \"caption\": \"slice\", \"uri\":"
                + " \"file:///etc/passwd\", \"sha256\": \"00\", \"sizeBytes\": 1}]");
        driver.toReconstruction(caseId);
        assertThatThrownBy(() -> driver.work(caseId, "xray.reconstruct", variables)).hasMessageContaining("reconstructedPictures")
                .hasMessageContaining(".png");
        assertThat(pictures.ofCase(caseId)).isEmpty();
        assertThat(driver.openExternalTasks(caseId, "xray.reconstruct")).isEqualTo(1);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<byte[]> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
