package se.ixbi.processes.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** Data goes into the volume of the core it was cut from, and no other: refused at upload, before any compute. */
@IxbiTest
class SpecimenLineageTest {

    @Autowired
    CaseDriver driver;
    @Autowired
    TestRestTemplate rest;

    @Test
    void aSectionFromAnotherCoreOfTheCaseIsRefusedWithTheReasonAndOneFromTheScannedCoreIsTaken() {
        String caseId = driver.register(1.0);
        String a = "C" + caseId.substring(5).replace("-", "") + "A";
        String b = "C" + caseId.substring(5).replace("-", "") + "B";
        driver.consent(caseId, true, true, true);
        driver.biopsy(caseId, a, b);
        driver.scanAtBeamline(a);
        driver.xrayToRoi(caseId, a);
        // the lab cuts the omics section from core B by mistake
        driver.complete(caseId, "Task_PrepareOmics", Map.of("omicsAssay", "ISS", "omicsParentBarcode", b,
                "omicsSectionBarcode", b + "-S1", "sectionThicknessUm", 10L));
        ApiClient api = new ApiClient(rest);

        Response refused = api.post("operator", "/api/cases/" + caseId + "/datasets", upload(b + "-S1", "ab"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_SPECIMEN");
        assertThat(refused.json().path("detail").asText()).isEqualTo("Spatial omics data of " + b + "-S1 cannot be"
                + " registered into case " + caseId + "'s X-ray volume: " + b + "-S1 comes from core " + b
                + ", the volume is of core " + a + ". Nothing was stored or computed");
        assertThat(driver.openExternalTasks(caseId, "omics.ingest")).isZero();
        assertThat(driver.details(caseId).datasets()).noneMatch(d -> d.modality() == Modality.OMICS);

        // a section of the scanned core goes through
        assertThat(api.post("operator", "/api/cases/" + caseId + "/specimens", """
                {"type": "SECTION", "barcode": "%s-S2", "parentBarcode": "%s"}""".formatted(a, a)).status())
                .isEqualTo(201);
        Response taken = api.post("operator", "/api/cases/" + caseId + "/datasets", upload(a + "-S2", "cd"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        assertThat(driver.openExternalTasks(caseId, "omics.ingest")).isEqualTo(1);
    }

    private static String upload(String barcode, String sha) {
        return """
                {"modality": "OMICS", "specimenBarcode": "%s", "uri": "s3://ixbi/cases/x/%s/omics/raw/section.h5ad",
                 "sha256": "%s", "sizeBytes": 4096}""".formatted(barcode, barcode, sha.repeat(32));
    }
}
