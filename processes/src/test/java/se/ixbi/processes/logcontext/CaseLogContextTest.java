package se.ixbi.processes.logcontext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** Every line a case causes names it: the engine's executions, the API's requests, the audit trail's events. */
@IxbiTest
@ExtendWith(OutputCaptureExtension.class)
class CaseLogContextTest {

    @Autowired
    CaseDriver driver;
    @Autowired
    ProcessEngineConfigurationImpl engine;

    @Test
    void theEnginePutsTheCaseIntoTheContextOfWhatItExecutes() {
        assertThat(engine.getLoggingContextBusinessKey()).isEqualTo(CaseLogContext.KEY);
    }

    @Test
    void aRequestAboutACaseCarriesItUntilItsAnswer() throws Exception {
        List<String> seen = new ArrayList<>();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/cases/IXBI-2026-000042/datasets");
        new CaseLogContext().doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.add(MDC.get(CaseLogContext.KEY)));
        new CaseLogContext().doFilter(new MockHttpServletRequest("GET", "/api/cases"), new MockHttpServletResponse(),
                (req, res) -> seen.add(MDC.get(CaseLogContext.KEY)));

        assertThat(seen).containsExactly("IXBI-2026-000042", null);
        assertThat(MDC.get(CaseLogContext.KEY)).isNull();
    }

    @Test
    void eachAuditedEventIsOneLineUnderItsCase(CapturedOutput output) {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, false, false);

        List<String> lines = output.getOut().lines().filter(l -> l.contains("AuditTrail")).toList();
        assertThat(lines).anyMatch(l -> l.contains("INFO [" + caseId + "]") && l.contains("CASE_REGISTERED by"));
        assertThat(lines.stream().filter(l -> l.contains("INFO [" + caseId + "]"))).as("registration and consent")
                .hasSizeGreaterThanOrEqualTo(2);
    }
}
