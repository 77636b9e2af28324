package se.ixbi.processes.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.ixbi.processes.IxbiTest;

/** The engine's history is cleaned up in a nightly window, after each model's time to live. */
@IxbiTest
class HistoryRetentionTest {

    @Autowired
    ProcessEngineConfiguration configuration;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;

    @Test
    void historyIsCleanedUpAtNightAfterEachModelsTimeToLive() {
        ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
        assertThat(engine.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(engine.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyLike("ixbi-%").latestVersion().list()).hasSize(7)
                .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650));
        assertThat(repository.createDecisionDefinitionQuery().list()).isNotEmpty()
                .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650));
    }
}
