package se.ixbi.processes.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.casefile.CaseDetails;
import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.CaseStatus;
import se.ixbi.processes.dataset.DataLevel;
import se.ixbi.processes.dataset.DatasetStatus;
import se.ixbi.processes.dataset.DatasetView;
import se.ixbi.processes.dataset.Modality;
import se.ixbi.processes.specimen.SpecimenType;

/** Every path of the case process and its stage processes, driven as users and workers drive them. */
@IxbiTest
class CaseProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    CaseDriver driver;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    @BeforeEach
    void bindAssertions() {
        init(engine);
    }

    private ProcessInstance instance(String caseId, String processKey) {
        HistoricProcessInstance h = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(processKey).orderByProcessInstanceStartTime().desc().list().get(0);
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(h.getId()).singleResult();
        return running != null ? running : new EndedInstance(h);
    }

    @Test
    void happyPathRunsEveryStageAndKeepsTheDomainInStep() {
        // given a registered case
        String caseId = driver.register(1.0);
        ProcessInstance main = instance(caseId, ProcessConstants.CASE_PROCESS);
        assertThat(main).isWaitingAt("CallActivity_Consent");
        assertThat(driver.details(caseId).stage()).isEqualTo(CaseStage.CONSENT);

        // when every stage is worked through
        String core = driver.toBeamtime(caseId);
        assertThat(instance(caseId, ProcessConstants.BIOPSY_PROCESS)).isEnded()
                .hasPassed("Task_RegisterSpecimens", "Task_AwaitSample", "EndEvent_SampleReceived");
        ProcessInstance xray = instance(caseId, ProcessConstants.XRAY_PROCESS);
        assertThat(xray).isWaitingAt("Task_ScheduleBeamtime").hasPassed("Task_PlanAcquisition");
        assertThat(runtime.getVariable(xray.getId(), "energyKev")).isEqualTo(22.0);
        assertThat(runtime.getVariable(xray.getId(), "propagationDistancesMm")).isEqualTo("30,90,270");
        assertThat(runtime.getVariable(xray.getId(), "acquisitionPlan")).isNull();

        driver.xrayToRoi(caseId, core);
        assertThat(driver.details(caseId).stage()).isEqualTo(CaseStage.CORRELATIVE);
        driver.vem(caseId, core);
        assertThat(main).isWaitingAt("CallActivity_Omics", "Gateway_FollowUpsDone");
        driver.omics(caseId, core);
        assertThat(driver.details(caseId).stage()).isEqualTo(CaseStage.ANALYSIS);
        driver.analysis(caseId, true);

        // then the case is complete and its records tell the story
        assertThat(main).isEnded().hasPassed("CallActivity_Consent", "CallActivity_Biopsy", "CallActivity_Xray",
                "CallActivity_Vem", "CallActivity_Omics", "CallActivity_Analysis", "EndEvent_CaseCompleted");
        assertThat(instance(caseId, ProcessConstants.ANALYSIS_PROCESS)).hasPassed("Task_Publish");
        CaseDetails details = driver.details(caseId);
        assertThat(details.status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(details.stage()).isEqualTo(CaseStage.CLOSED);
        assertThat(details.openTasks()).isEmpty();
        assertThat(details.specimens()).extracting(s -> s.type() + ":" + s.barcode() + "<" + s.parentBarcode())
                .containsExactly("CORE:" + core + "<null", "BLOCK:" + core + "-B1<" + core,
                        "SECTION:" + core + "-S1<" + core);
        assertThat(details.datasets()).extracting(d -> d.modality() + "/" + d.level())
                .containsExactlyInAnyOrder(Modality.XRAY + "/" + DataLevel.RAW,
                        Modality.XRAY + "/" + DataLevel.RECONSTRUCTED, Modality.VEM + "/" + DataLevel.RAW,
                        Modality.VEM + "/" + DataLevel.RECONSTRUCTED, Modality.OMICS + "/" + DataLevel.RAW,
                        Modality.OMICS + "/" + DataLevel.RECONSTRUCTED, Modality.FUSION + "/" + DataLevel.ANALYSED);
        // the findings are recorded against the core the X-ray volume came from
        assertThat(details.datasets()).filteredOn(d -> d.modality() == Modality.FUSION).singleElement()
                .satisfies(d -> assertThat(d.specimenBarcode()).isEqualTo(core));
        assertThat(details.datasets()).filteredOn(d -> d.modality() == Modality.OMICS
                && d.level() == DataLevel.RECONSTRUCTED).singleElement()
                .satisfies(d -> assertThat(d.transforms()).singleElement()
                        .satisfies(t -> assertThat(t.errorUm()).isEqualTo(0.5)));
        // the aligned block is recorded against the resin block, with its registration into the X-ray volume
        String xrayVolume = details.datasets().stream().filter(d -> d.modality() == Modality.XRAY
                && d.level() == DataLevel.RECONSTRUCTED).findFirst().orElseThrow().id();
        assertThat(details.datasets()).filteredOn(d -> d.modality() == Modality.VEM
                && d.level() == DataLevel.RECONSTRUCTED).singleElement().satisfies(d -> {
                    assertThat(d.specimenBarcode()).isEqualTo(core + "-B1");
                    assertThat(d.producedBy()).isEqualTo("vem.align");
                    assertThat(d.transforms()).singleElement().satisfies(t -> {
                        assertThat(t.targetDatasetId()).isEqualTo(xrayVolume);
                        assertThat(t.matrix()).startsWith("[1.0,0.0,0.0,5.0");
                        assertThat(t.errorUm()).isEqualTo(0.2);
                    });
                });
        // the volume is recorded against the specimen its raw scan came from, with what the worker reported
        assertThat(details.datasets()).filteredOn(d -> d.level() == DataLevel.RECONSTRUCTED
                && d.modality() == Modality.XRAY).singleElement()
                .satisfies(d -> {
                    assertThat(d.specimenBarcode()).isEqualTo(core);
                    assertThat(d.uri()).endsWith(".zarr");
                    assertThat(d.sizeBytes()).isEqualTo(123_456L);
                    assertThat(d.producedBy()).isEqualTo("xray.reconstruct");
                });
        assertThat(details.consent().scopes().vem()).isTrue();
    }

    @Test
    void declinedConsentEndsTheCaseWithoutABiopsy() {
        String caseId = driver.register(1.0);
        driver.decline(caseId);

        assertThat(instance(caseId, ProcessConstants.CASE_PROCESS)).isEnded()
                .hasPassed("EndEvent_NoConsent").hasNotPassed("CallActivity_Biopsy");
        CaseDetails details = driver.details(caseId);
        assertThat(details.status()).isEqualTo(CaseStatus.NO_CONSENT);
        assertThat(details.consent().scopes().xray()).isFalse();
    }

    @Test
    void consentWithoutTheXrayScopeIsRefusedAndTheFormStaysOpen() {
        String caseId = driver.register(1.0);
        assertThatThrownBy(() -> driver.complete(caseId, "Task_ObtainConsent", Map.of(
                "consentDecision", "granted", "scopeXray", false, "consentVersion", "2.1",
                "consentObtainedBy", "dr.berg", "consentSignedOn", "2026-11-20")))
                .hasMessageContaining("CONSENT_INVALID");
        assertThat(driver.task(caseId, "Task_ObtainConsent")).isNotNull();
        assertThat(driver.details(caseId).consent()).isNull();
    }

    @Test
    void followUpStudiesRunOnlyWhereConsented() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, false, true, false);
        String core = driver.biopsy(caseId, "OMX" + caseId.substring(10));
        driver.scanAtBeamline(core);
        driver.xrayToRoi(caseId, core);

        ProcessInstance main = instance(caseId, ProcessConstants.CASE_PROCESS);
        assertThat(main).isWaitingAt("CallActivity_Omics", "Gateway_FollowUpsDone");
        driver.omics(caseId, core);
        driver.analysis(caseId, false);

        assertThat(main).isEnded().hasNotPassed("CallActivity_Vem").hasPassed("CallActivity_Omics");
        assertThat(instance(caseId, ProcessConstants.ANALYSIS_PROCESS)).hasNotPassed("Task_Publish");
    }

    @Test
    void withoutVemOrOmicsConsentTheCaseGoesStraightToAnalysis() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, false, false, false);
        String core = driver.biopsy(caseId, "XRO" + caseId.substring(10));
        driver.scanAtBeamline(core);
        driver.xrayToRoi(caseId, core);

        assertThat(instance(caseId, ProcessConstants.CASE_PROCESS)).isWaitingAt("CallActivity_Analysis");
    }

    @Test
    void failedQcGoesToReviewAndARescanLoopsBackToBeamtime() {
        String caseId = driver.register(1.0);
        String core = driver.toReconstruction(caseId);
        driver.work(caseId, "xray.reconstruct");
        driver.businessError(caseId, "xray.qc", ProcessConstants.ERROR_QC_FAILED, "SNR 2.1 below 5.0");

        ProcessInstance xray = instance(caseId, ProcessConstants.XRAY_PROCESS);
        assertThat(xray).isWaitingAt("Task_ReviewQc");
        assertThat(runtime.getVariable(xray.getId(), "qcFailureReason")).isEqualTo("SNR 2.1 below 5.0");
        driver.complete(caseId, "Task_ReviewQc", Map.of("qcDecision", "rescan", "qcReviewNote", "motion artefact"));
        assertThat(xray).isWaitingAt("Task_ScheduleBeamtime");

        // second scan passes
        driver.scheduleBeamtime(caseId);
        driver.upload(caseId, Modality.XRAY, core);
        driver.work(caseId, "data.verify");
        driver.work(caseId, "xray.reconstruct");
        driver.work(caseId, "xray.qc");
        assertThat(xray).isWaitingAt("Task_ProposeRoi");
        // two scans, two volumes; the first pair superseded by the rescan
        assertThat(driver.details(caseId).datasets()).extracting(d -> d.level() + "/" + d.status())
                .containsExactlyInAnyOrder("RAW/SUPERSEDED", "RECONSTRUCTED/SUPERSEDED", "RAW/CURRENT",
                        "RECONSTRUCTED/CURRENT");
    }

    @Test
    void aFailedQcCanBeAcceptedByTheReviewer() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        driver.work(caseId, "xray.reconstruct");
        driver.businessError(caseId, "xray.qc", ProcessConstants.ERROR_QC_FAILED, "ring score 0.4");
        driver.complete(caseId, "Task_ReviewQc", Map.of("qcDecision", "accept", "qcReviewNote", "rings outside ROI"));

        assertThat(instance(caseId, ProcessConstants.XRAY_PROCESS)).isWaitingAt("Task_ProposeRoi")
                .hasPassed("Gateway_QcPassed");
    }

    @Test
    void aBadUploadIsShownToTheOperatorWithItsReasonAndANewUploadClosesTheirTask() {
        String caseId = driver.register(1.0);
        String core = driver.toBeamtime(caseId);
        driver.scheduleBeamtime(caseId);
        String refused = driver.upload(caseId, Modality.XRAY, core);
        assertThat(driver.details(caseId).datasets()).extracting(d -> d.status().name()).containsExactly("VERIFYING");
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD,
                "no object at s3://ixbi/cases/" + caseId + "/XRAY/raw/scan.h5");

        ProcessInstance xray = instance(caseId, ProcessConstants.XRAY_PROCESS);
        assertThat(xray).isWaitingAt("Task_XrayUploadAgain");
        assertThat(driver.task(caseId, "Task_XrayUploadAgain")).hasCandidateGroup("operator");
        assertThat(runtime.getVariable(xray.getId(), "refusedUploadUri")).isEqualTo(
                driver.details(caseId).datasets().get(0).uri());
        DatasetView onRecord = driver.details(caseId).datasets().get(0);
        assertThat(onRecord.id()).isEqualTo(refused);
        assertThat(onRecord.status()).isEqualTo(DatasetStatus.REFUSED);
        assertThat(onRecord.statusReason()).isEqualTo("no object at s3://ixbi/cases/" + caseId + "/XRAY/raw/scan.h5");
        assertThat(driver.details(caseId).waitingFor()).containsExactly(ProcessConstants.MSG_RAW_DATA_UPLOADED);

        // the operator uploads again without opening the task: the notice closes it
        driver.upload(caseId, Modality.XRAY, core);
        assertThat(xray).isWaitingAt("Task_VerifyRawData");
        assertThat(driver.details(caseId).openTasks()).isEmpty();
        driver.work(caseId, "data.verify");
        assertThat(xray).isWaitingAt("Task_Reconstruct");
        // both uploads stay on record; the refused one with its reason, the verified one current
        assertThat(driver.details(caseId).datasets()).extracting(d -> d.status().name())
                .containsExactly("REFUSED", "CURRENT");
    }

    @Test
    void anOperatorWhoReadsTheRefusalLeavesTheCaseWaitingForTheNewUpload() {
        String caseId = driver.register(1.0);
        String core = driver.toUpload(caseId);
        driver.businessError(caseId, "data.verify", ProcessConstants.ERROR_BAD_UPLOAD, "SHA-256 mismatch");

        driver.complete(caseId, "Task_XrayUploadAgain", Map.of("uploadRefusalNote", "rescanned file follows"));

        ProcessInstance xray = instance(caseId, ProcessConstants.XRAY_PROCESS);
        assertThat(xray).isWaitingAt("Task_AwaitRawData");
        driver.upload(caseId, Modality.XRAY, core);
        assertThat(xray).isWaitingAt("Task_VerifyRawData");
    }

    @Test
    void aPlanOverTheDoseEnvelopeIsRevisedBeforeBeamtime() {
        String caseId = driver.register(0.3);
        driver.toBeamtime(caseId);

        ProcessInstance xray = instance(caseId, ProcessConstants.XRAY_PROCESS);
        assertThat(xray).isWaitingAt("Task_ReviseAcquisition");
        assertThat(runtime.getVariable(xray.getId(), "withinDoseEnvelope")).isEqualTo(false);
        assertThat((String) runtime.getVariable(xray.getId(), "planNote")).contains("dose");

        driver.complete(caseId, "Task_ReviseAcquisition", Map.of("targetResolutionUm", 2.5, "specimenSizeMm", 3.0));
        assertThat(xray).isWaitingAt("Task_ScheduleBeamtime");
        assertThat(runtime.getVariable(xray.getId(), "pixelSizeUm")).isEqualTo(2.0);
    }

    @Test
    void aLateSampleEscalatesToTheCoordinatorAndTheScanStillCompletesTheHandOff() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String core = driver.biopsy(caseId, "LATE" + caseId.substring(10));

        driver.fireTimer(caseId, "BoundaryEvent_SampleOverdue");
        ProcessInstance biopsy = instance(caseId, ProcessConstants.BIOPSY_PROCESS);
        assertThat(biopsy).isWaitingAt("Task_AwaitSample", "Task_ChaseSample");
        assertThat(driver.details(caseId).openTasks()).extracting(t -> t.candidateGroups().get(0))
                .containsExactly("coordinator");

        // the sample turns up while the coordinator is still chasing it
        driver.scanAtBeamline(core);
        assertThat(biopsy).isEnded().hasPassed("EndEvent_SampleReceived").hasNotPassed("EndEvent_KeepWaiting");
        assertThat(instance(caseId, ProcessConstants.XRAY_PROCESS)).isWaitingAt("Task_ScheduleBeamtime");
    }

    @Test
    void aSampleReportedLostEndsTheCase() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        driver.biopsy(caseId, "LOST" + caseId.substring(10));
        driver.fireTimer(caseId, "BoundaryEvent_SampleOverdue");
        driver.complete(caseId, "Task_ChaseSample", Map.of("chaseNote", "courier confirms loss", "sampleLost", true));

        assertThat(instance(caseId, ProcessConstants.CASE_PROCESS)).isEnded().hasPassed("EndEvent_SampleLost");
        assertThat(driver.details(caseId).status()).isEqualTo(CaseStatus.SAMPLE_LOST);
    }

    @Test
    void aCaseThatEndsLeavesNoTaskTimerOrProcessInstanceBehind() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        driver.biopsy(caseId, "GONE" + caseId.substring(10));
        // the case is overdue: a coordinator's follow-up opens beside the biopsy
        driver.fireTimer(caseId, "StartEvent_CaseOverdue");
        assertThat(driver.task(caseId, "Task_FollowUpOverdueCase")).isNotNull();
        driver.fireTimer(caseId, "BoundaryEvent_SampleOverdue");
        driver.complete(caseId, "Task_ChaseSample", Map.of("chaseNote", "courier confirms loss", "sampleLost", true));

        assertThat(driver.details(caseId).status()).isEqualTo(CaseStatus.SAMPLE_LOST);
        assertNothingOpen(caseId);
    }

    @Test
    void aWithdrawnCaseLeavesNoFollowUpBehindEither() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        driver.fireTimer(caseId, "StartEvent_CaseOverdue");
        driver.withdraw(caseId);
        driver.work(caseId, "data.quarantine");
        driver.work(caseId, "fhir.consent");

        assertThat(driver.details(caseId).status()).isEqualTo(CaseStatus.WITHDRAWN);
        assertNothingOpen(caseId);
    }

    /** A final status means final: no process instance, task or job of the case is left. */
    private void assertNothingOpen(String caseId) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count())
                .as("process instances of %s", caseId).isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseId).count()).as("tasks").isZero();
        java.util.Set<String> instances = new java.util.HashSet<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).list()
                .forEach(p -> instances.add(p.getId()));
        assertThat(instances).isNotEmpty();
        assertThat(management.createJobQuery().list()).as("jobs (timers) of the case")
                .noneMatch(j -> instances.contains(j.getProcessInstanceId()));
    }

    @Test
    void aChasedSampleThatIsNotLostKeepsTheCaseWaiting() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        String core = driver.biopsy(caseId, "WAIT" + caseId.substring(10));
        driver.fireTimer(caseId, "BoundaryEvent_SampleOverdue");
        driver.complete(caseId, "Task_ChaseSample", Map.of("chaseNote", "held at customs", "sampleLost", false));

        ProcessInstance biopsy = instance(caseId, ProcessConstants.BIOPSY_PROCESS);
        assertThat(biopsy).isWaitingAt("Task_AwaitSample").hasPassed("EndEvent_KeepWaiting");
        driver.scanAtBeamline(core);
        assertThat(biopsy).isEnded();
    }

    @Test
    void theCaseSlaAsksTheCoordinatorToFollowUpWithoutStoppingTheCase() {
        String caseId = driver.register(1.0);
        ProcessInstance main = instance(caseId, ProcessConstants.CASE_PROCESS);
        assertThat(runtime.getVariable(main.getId(), ProcessConstants.VAR_CASE_SLA)).isEqualTo("P90D");
        // the follow-up form says it in words
        assertThat(runtime.getVariable(main.getId(), "caseSlaInWords")).isEqualTo("90 days");
        assertThat(runtime.getVariable(main.getId(), "custodyTimeoutInWords")).isEqualTo("3 days");
        driver.fireTimer(caseId, "StartEvent_CaseOverdue");

        assertThat(main).isWaitingAt("CallActivity_Consent", "Task_FollowUpOverdueCase");
        driver.complete(caseId, "Task_FollowUpOverdueCase", Map.of("overdueAction", "asked the clinic"));
        driver.consent(caseId, true, true, true);
        assertThat(main).isWaitingAt("CallActivity_Biopsy");
    }

    @Test
    void registrationFailureGoesToReviewAndReacquireWaitsForNewData() {
        String caseId = driver.register(1.0);
        String core = driver.toBeamtime(caseId);
        driver.xrayToRoi(caseId, core);
        driver.complete(caseId, "Task_PrepareVem", Map.of("vemParentBarcode", core, "vemBlockBarcode", core + "-B1",
                "embeddingResin", "epon", "targetDepthUm", 50L));
        driver.upload(caseId, Modality.VEM, core + "-B1");
        driver.work(caseId, "vem.align");
        driver.businessError(caseId, "registration.vem-to-xray", ProcessConstants.ERROR_REGISTRATION_FAILED,
                "no overlap with the X-ray ROI");
        ProcessInstance vem = instance(caseId, ProcessConstants.VEM_PROCESS);
        assertThat(vem).isWaitingAt("Task_ReviewVemRegistration");
        driver.complete(caseId, "Task_ReviewVemRegistration", Map.of("registrationDecision", "reacquire",
                "registrationNote", "mill deeper"));
        assertThat(vem).isWaitingAt("Task_AwaitVemData");
        // the stack and its aligned block stay on record, superseded by the next acquisition
        assertThat(driver.details(caseId).datasets()).filteredOn(d -> d.modality() == Modality.VEM)
                .extracting(d -> d.level() + ":" + d.status())
                .containsExactlyInAnyOrder("RAW:SUPERSEDED", "RECONSTRUCTED:SUPERSEDED");
    }

    @Test
    void findingsSentBackForRevisionRunTheAnalysisAgain() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, false, false, true);
        String core = driver.biopsy(caseId, "REV" + caseId.substring(10));
        driver.scanAtBeamline(core);
        driver.xrayToRoi(caseId, core);
        driver.work(caseId, "analysis.fusion", CaseDriver.fused(caseId, "findings-1"));
        driver.complete(caseId, "Task_ReviewFindings", Map.of("findingsSummary", "segmentation missed vessels",
                "findingsDecision", "revise", "fusionNichesRequested", 3L));

        assertThat(instance(caseId, ProcessConstants.ANALYSIS_PROCESS)).isWaitingAt("Task_Fusion");
        assertThat(runtime.getVariable(instance(caseId, ProcessConstants.ANALYSIS_PROCESS).getId(),
                "fusionNichesRequested")).isEqualTo(3L);
        // the same findings again stay current; new findings supersede them
        driver.work(caseId, "analysis.fusion", CaseDriver.fused(caseId, "findings-1"));
        assertThat(fusionStatuses(caseId)).containsExactly("findings-1:CURRENT");
        driver.complete(caseId, "Task_ReviewFindings", Map.of("findingsSummary", "three niches, please",
                "findingsDecision", "revise"));
        driver.work(caseId, "analysis.fusion", CaseDriver.fused(caseId, "findings-2"));
        assertThat(fusionStatuses(caseId)).containsExactlyInAnyOrder("findings-1:SUPERSEDED", "findings-2:CURRENT");
        assertThat(driver.details(caseId).datasets()).filteredOn(d -> d.modality() == Modality.FUSION)
                .allSatisfy(d -> assertThat(d.level()).isEqualTo(DataLevel.ANALYSED));
    }

    private List<String> fusionStatuses(String caseId) {
        return driver.details(caseId).datasets().stream().filter(d -> d.modality() == Modality.FUSION)
                .map(d -> d.id() + ":" + d.status()).toList();
    }

    @Test
    void anExternalTaskThatKeepsFailingBecomesAnIncidentTheCoordinatorSees() {
        String caseId = driver.register(1.0);
        String core = driver.toUpload(caseId);

        var externalTasks = engine.getExternalTaskService();
        for (int retriesLeft = 2; retriesLeft >= 0; retriesLeft--) {
            var task = driver.fetch(caseId, "data.verify");
            externalTasks.handleFailure(task.getId(), CaseDriver.WORKER, "object store unreachable",
                    "java.net.ConnectException", retriesLeft, 0);
        }

        CaseDetails details = driver.details(caseId);
        assertThat(details.incidents()).singleElement().satisfies(i -> {
            assertThat(i.activityId()).isEqualTo("Task_VerifyRawData");
            assertThat(i.message()).isEqualTo("object store unreachable");
        });
        assertThat(details.pendingWork()).singleElement().satisfies(w -> assertThat(w.retries()).isZero());
        assertThat(instance(caseId, ProcessConstants.XRAY_PROCESS)).isWaitingAt("Task_VerifyRawData");
    }

    @Test
    void specimenRegistrationRefusesATakenBarcodeAndKeepsTheFormOpen() {
        String first = driver.register(1.0);
        driver.consent(first, true, true, true);
        String barcode = driver.biopsy(first, "DUP" + first.substring(10));

        String second = driver.register(1.0);
        driver.consent(second, true, true, true);
        driver.complete(second, "Task_ScheduleBiopsy", Map.of("guidanceModality", "US", "biopsyTarget", "kidney",
                "biopsyDate", "2026-11-22"));
        assertThatThrownBy(() -> driver.complete(second, "Task_RecordBiopsy", Map.of("coreCount", 1L,
                "specimenBarcodes", barcode, "tissueType", "kidney", "specimenSizeMm", 2.0, "fixation", "formalin")))
                .hasMessageContaining("DUPLICATE_BARCODE");
        assertThat(driver.task(second, "Task_RecordBiopsy")).isNotNull();
        assertThat(driver.details(second).specimens()).isEmpty();
        assertThat(driver.details(first).specimens()).extracting(s -> s.type()).containsExactly(SpecimenType.CORE);
    }
}
