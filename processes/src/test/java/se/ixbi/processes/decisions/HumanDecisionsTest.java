package se.ixbi.processes.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.audit.AuditEvent;
import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.workflow.ProcessConstants;

/**
 * People's decisions reach the audit trail with who made them, the answers as the form labels them and the figures
 * they were made on, whichever way the task is completed.
 */
@IxbiTest
class HumanDecisionsTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;
    @Autowired
    AuditTrail audit;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    @Test
    void aQcOverrideCompletedThroughTheRestApiIsRecordedWithWhoAndTheFiguresItOverrode() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        driver.work(caseId, "xray.reconstruct");
        driver.businessError(caseId, "xray.qc", ProcessConstants.ERROR_QC_FAILED, "SNR 2.1 below 3", Map.of(
                "qcSnr", 2.1, "qcCnr", 4.0, "qcRingScore", 0.012, "qcResolutionUm", 3.25));

        Response completed = api.post("coordinator", "/engine-rest/task/" + driver.task(caseId, "Task_ReviewQc")
                .getId() + "/complete", """
                {"variables": {"qcDecision": {"value": "accept"},
                               "qcReviewNote": {"value": "ring at the edge, outside the tissue"}}}""");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);

        AuditEvent review = only(caseId, "QC_REVIEWED");
        assertThat(review.getActor()).isEqualTo("coordinator");
        assertThat(review.getDetail()).startsWith("Review failed QC. Decision: accept; Reason: ring at the edge,"
                + " outside the tissue. On: SNR 2.1; CNR 4; ring score 0.012; resolution (µm) 3.25; QC found SNR 2.1"
                + " below 3.");
    }

    @Test
    void theConfirmedRoiIsRecordedAgainstTheOneProposedAndRegistrationAndBeamtimeDecisionsToo() {
        String caseId = driver.register(1.0);
        String core = driver.toReconstruction(caseId);
        driver.work(caseId, "xray.reconstruct");
        driver.work(caseId, "xray.qc", Map.of("qcSnr", 14.2));
        driver.work(caseId, "analysis.roi-proposal", Map.of("roiProposal", "lesion rim, 0.8 of the score",
                "roiCenterXUm", 1000.0, "roiCenterYUm", 800.0, "roiCenterZUm", 450.0, "roiSizeUm", 300.0));
        // the coordinator moves the ROI 200 µm along x and narrows it
        driver.complete(caseId, "Task_ConfirmRoi", Map.of("roiCenterXUm", 1200.0, "roiCenterYUm", 800.0,
                "roiCenterZUm", 450.0, "roiSizeUm", 250.0));
        driver.vem(caseId, core);

        assertThat(only(caseId, "ROI_CONFIRMED").getDetail()).contains(
                "ROI centre x (µm): 1200", "ROI edge length (µm): 250",
                "proposed centre x (µm) 1000", "proposed edge (µm) 300", "proposal lesion rim, 0.8 of the score");
        assertThat(only(caseId, "BEAMTIME_SCHEDULED").getDetail()).contains("Schedule beamtime.", "Beamline:",
                "energy (keV)");
        assertThat(only(caseId, "VEM_BLOCK_PREPARED").getDetail()).contains("ROI centre x (µm) 1200");
        assertThat(only(caseId, "REGISTRATION_REVIEWED").getDetail()).contains("Decision: accept",
                "Reason: landmarks agree", "vEM error (µm) 0.2");
    }

    private AuditEvent only(String caseId, String action) {
        List<AuditEvent> events = audit.forCase(caseId).stream().filter(e -> action.equals(e.getAction())).toList();
        assertThat(events).as("%s of %s", action, caseId).hasSize(1);
        return events.get(0);
    }
}
