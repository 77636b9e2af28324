package se.ixbi.processes.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.workflow.ActivityNames;
import se.ixbi.testservers.ConsoleSessions;

/** The board reads real cases from the engine: where each stands, what it waits for, its SLA clock. */
@IxbiTest
class PipelineBoardTest {

    @Autowired
    CaseDriver driver;
    @Autowired
    Cases cases;
    @Autowired
    ServiceCatalogue catalogue;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    ActivityNames names;
    @LocalServerPort
    int port;

    @Test
    void thePageDrawsTheFirstRowsAndOffersTheRestSoItsLiveRefreshStaysSmall() throws Exception {
        for (int i = 0; i < 3; i++) {
            driver.register(1.0);
        }
        HttpClient coordinator = ConsoleSessions.signIn("http://localhost:" + port, "coordinator");
        String two = coordinator.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/board/rows?sort=case&limit=2")).build(), HttpResponse.BodyHandlers.ofString()).body();
        int active = cases.active().size();
        assertThat(Pattern.compile("<tr id=\"case-").matcher(two).results().count()).isEqualTo(2);
        assertThat(two.replaceAll("<[^>]+>", "").replaceAll("\\s+", " "))
                .contains("Showing the first 2 of " + active + " cases, newest first");
        // the link asks for a page more; the live refresh keeps the limit
        assertThat(two).contains("sort=case&amp;limit=" + (2 + BoardFilter.PAGE) + "\"")
                .containsPattern("hx-get=\"/board/rows\\?[^\"]*limit=2\"");
        String all = coordinator.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/board/rows?limit=5000")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(Pattern.compile("<tr id=\"case-").matcher(all).results().count()).isEqualTo(active);
        assertThat(all).doesNotContain("Showing the first");
    }

    @Test
    void eachCaseShowsItsStageWhatItWaitsForAndItsClockAgainstTheCatalogue() {
        String atConsent = driver.register(1.0);
        String atBeamline = driver.register(1.0);
        driver.consent(atBeamline, true, true, true);
        driver.biopsy(atBeamline, "C" + atBeamline.substring(5).replace("-", "") + "A");
        String atXray = driver.register(1.0);
        driver.toReconstruction(atXray);

        // ten days on: consent (target 7 days) is late, X-ray (21 days) is on time
        PipelineBoard tenDaysOn = board(Duration.ofDays(10));
        List<BoardRow> rows = tenDaysOn.rows(new BoardFilter(null, null, false, null));
        BoardRow consent = row(rows, atConsent);
        assertThat(consent.stage()).isEqualTo(CaseStage.CONSENT);
        assertThat(consent.step()).isEqualTo("Obtain research consent");
        assertThat(consent.waits()).containsExactly(new BoardRow.Wait("task", "task for clinicians", null));
        assertThat(consent.target()).isEqualTo(Duration.ofDays(7));
        assertThat(consent.sla()).isEqualTo(SlaState.LATE);
        assertThat(consent.useCaseName()).isEqualTo("Liver fibrosis staging");

        BoardRow beamline = row(rows, atBeamline);
        assertThat(beamline.stage()).isEqualTo(CaseStage.BIOPSY);
        assertThat(beamline.waits()).extracting(BoardRow.Wait::kind, BoardRow.Wait::text)
                .contains(org.assertj.core.groups.Tuple.tuple("message", "Await sample receipt at the beamline"));

        BoardRow xray = row(rows, atXray);
        assertThat(xray.stage()).isEqualTo(CaseStage.XRAY);
        assertThat(xray.waits()).containsExactly(new BoardRow.Wait("worker",
                "queued for a worker: xray.reconstruct", null));
        assertThat(xray.target()).isEqualTo(Duration.ofDays(21));
        assertThat(xray.sla()).isEqualTo(SlaState.ON_TIME);
        assertThat(xray.inStage()).isBetween(Duration.ofDays(10), Duration.ofDays(10).plusMinutes(5));

        // a worker takes the task and reports progress, as the worker nodes do through engine-rest
        LockedExternalTask locked = driver.fetch(atXray, "xray.reconstruct");
        runtime.setVariables(locked.getProcessInstanceId(), Map.of("workProgressTopic", "xray.reconstruct",
                "workProgressPercent", 40, "workProgressStep", "filtering projections"));
        // now, not ten days on, when the worker's lock would have run out
        BoardRow working = row(board(Duration.ZERO).rows(new BoardFilter(null, null, false, null)), atXray);
        assertThat(working.waits()).containsExactly(new BoardRow.Wait("worker",
                "xray.reconstruct on " + locked.getWorkerId() + " (filtering projections)", 40));

        // eighteen days on, past 80 % of the 21 days: at risk
        assertThat(row(board(Duration.ofDays(18)).rows(new BoardFilter(null, null, false, null)), atXray).sla())
                .isEqualTo(SlaState.AT_RISK);
        assertThat(working.incidents()).isEmpty();

        // a failure with no retries left: the row names the incident once (its root cause, not the case's copy)
        String failing = driver.register(1.0);
        driver.toReconstruction(failing);
        driver.fail(failing, "xray.reconstruct", "out of memory reading 720 projections");
        assertThat(row(board(Duration.ZERO).rows(new BoardFilter(null, null, false, null)), failing).incidents())
                .containsExactly("out of memory reading 720 projections");
    }

    @Test
    void theFiltersNarrowTheBoardAndTheSortPutsTheLongestWaitingFirst() {
        String earlier = driver.register(1.0);
        String later = driver.register(1.0);
        String atBiopsy = driver.register(1.0);
        driver.consent(atBiopsy, true, true, true);
        PipelineBoard tenDaysOn = board(Duration.ofDays(10));

        List<String> biopsyOnly = ids(tenDaysOn.rows(new BoardFilter(CaseStage.BIOPSY, null, false, null)));
        assertThat(biopsyOnly).contains(atBiopsy).doesNotContain(earlier, later);
        List<String> lateOnly = ids(tenDaysOn.rows(new BoardFilter(null, null, true, null)));
        assertThat(lateOnly).contains(earlier, later).doesNotContain(atBiopsy);
        assertThat(tenDaysOn.rows(new BoardFilter(null, "lung-adenocarcinoma", false, null))).isEmpty();

        List<String> byWaiting = ids(tenDaysOn.rows(new BoardFilter(null, null, false, "waiting")));
        assertThat(byWaiting.indexOf(earlier)).isLessThan(byWaiting.indexOf(later));
        List<String> byCase = ids(tenDaysOn.rows(new BoardFilter(null, null, false, "case")));
        assertThat(byCase.indexOf(later)).isLessThan(byCase.indexOf(earlier));
    }

    private PipelineBoard board(Duration later) {
        return new PipelineBoard(cases, catalogue, runtime, tasks, externalTasks, names,
                Clock.offset(Clock.systemUTC(), later));
    }

    private static BoardRow row(List<BoardRow> rows, String caseId) {
        return rows.stream().filter(r -> r.caseId().equals(caseId)).findFirst()
                .orElseThrow(() -> new AssertionError(caseId + " is not on the board"));
    }

    private static List<String> ids(List<BoardRow> rows) {
        return rows.stream().map(BoardRow::caseId).toList();
    }
}
