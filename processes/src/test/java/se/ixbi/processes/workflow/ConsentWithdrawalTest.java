package se.ixbi.processes.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.casefile.CaseDetails;
import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.CaseStatus;
import se.ixbi.processes.dataset.Modality;
import se.ixbi.processes.errors.IxbiException;

/** Withdrawal at any moment stops all work, quarantines the data, updates the clinic and ends the case. */
@IxbiTest
class ConsentWithdrawalTest {

    @Autowired
    CaseDriver driver;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("consent", (BiConsumer<CaseDriver, String>) (d, id) -> { }),
                Arguments.of("biopsy", (BiConsumer<CaseDriver, String>) (d, id) -> d.consent(id, true, true, true)),
                Arguments.of("custody hand-off", (BiConsumer<CaseDriver, String>) (d, id) -> {
                    d.consent(id, true, true, true);
                    d.biopsy(id, "W" + id.substring(10) + "H");
                }),
                Arguments.of("x-ray reconstruction", (BiConsumer<CaseDriver, String>) (d, id) -> {
                    String core = d.toBeamtime(id);
                    d.scheduleBeamtime(id);
                    d.upload(id, Modality.XRAY, core);
                    d.work(id, "data.verify");
                }),
                Arguments.of("volume EM and spatial omics", (BiConsumer<CaseDriver, String>) (d, id) -> {
                    String core = d.toBeamtime(id);
                    d.xrayToRoi(id, core);
                    d.complete(id, "Task_PrepareVem", java.util.Map.of("vemParentBarcode", core,
                            "vemBlockBarcode", core + "-B1", "embeddingResin", "epon", "targetDepthUm", 10L));
                }),
                Arguments.of("analysis", (BiConsumer<CaseDriver, String>) (d, id) -> {
                    String core = d.toBeamtime(id);
                    d.xrayToRoi(id, core);
                    d.vem(id, core);
                    d.omics(id, core);
                    d.work(id, "analysis.fusion");
                }));
    }

    @ParameterizedTest(name = "withdrawn during {0}")
    @MethodSource("stages")
    void withdrawalStopsAllWorkQuarantinesAndEndsTheCase(String stage, BiConsumer<CaseDriver, String> reachStage) {
        // given a case in the stage
        String caseId = driver.register(1.0);
        reachStage.accept(driver, caseId);

        // when the patient withdraws
        driver.withdraw(caseId);

        // then nothing but the withdrawal work is left
        CaseDetails during = driver.details(caseId);
        assertThat(during.stage()).isEqualTo(CaseStage.WITHDRAWAL);
        assertThat(during.openTasks()).isEmpty();
        assertThat(during.waitingFor()).isEmpty();
        assertThat(during.pendingWork()).extracting(CaseDetails.PendingWork::topic).containsExactly("data.quarantine");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count()).isEqualTo(1);

        driver.work(caseId, "data.quarantine");

        // the case is withdrawn once its data is quarantined, whether or not the clinical record is reachable
        CaseDetails quarantined = driver.details(caseId);
        assertThat(quarantined.status()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(quarantined.stage()).isEqualTo(CaseStage.CLOSED);
        assertThat(quarantined.pendingWork()).extracting(CaseDetails.PendingWork::topic).containsExactly("fhir.consent");

        driver.work(caseId, "fhir.consent");

        CaseDetails after = driver.details(caseId);
        assertThat(after.status()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(after.stage()).isEqualTo(CaseStage.CLOSED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count()).isZero();
        HistoricProcessInstance main = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(ProcessConstants.CASE_PROCESS).singleResult();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(main.getId())
                .activityId("EndEvent_Withdrawn").finished().count()).isEqualTo(1);
        if (after.consent() != null) {
            assertThat(after.consent().withdrawnAt()).isNotNull();
        }
    }

    @ParameterizedTest(name = "withdrawn during {0}: a second withdrawal is refused")
    @MethodSource("stages")
    void aSecondWithdrawalIsRefused(String stage, BiConsumer<CaseDriver, String> reachStage) {
        String caseId = driver.register(1.0);
        reachStage.accept(driver, caseId);
        driver.withdraw(caseId);

        assertThatThrownBy(() -> driver.withdraw(caseId)).isInstanceOf(IxbiException.class)
                .hasMessageContaining("already withdrawn");
    }
}
