package se.ixbi.processes.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.cases.CaseStage;

/** Turnaround per stage from the engine's history, against the catalogue's targets. */
@IxbiTest
class StageStatisticsTest {

    /** No other test registers cases of this use case: its figures are this test's alone. */
    private static final String USE_CASE = "kidney-transplant-rejection";

    @Autowired
    CaseDriver driver;
    @Autowired
    StageStatistics statistics;

    @AfterEach
    void engineTimeBack() {
        ClockUtil.reset();
    }

    @Test
    void medianPercentileAndOnTimeShareComeFromTheStagesTheCasesWentThrough() {
        Instant now = Instant.now();
        // three cases whose consent took 1, 10 and 20 days (the engine's clock set back as they started)
        for (int daysAgo : new int[] {1, 10, 20}) {
            ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(daysAgo))));
            String caseId = driver.register(USE_CASE, 1.0);
            ClockUtil.reset();
            driver.consent(caseId, true, false, false);
        }
        String stillInConsent = driver.register(USE_CASE, 1.0);

        StatisticsReport report = statistics.read(USE_CASE);
        StageFigures consent = figures(report, CaseStage.CONSENT);
        assertThat(consent.finished()).isEqualTo(3);
        assertThat(consent.casesNow()).isEqualTo(1);
        assertThat(consent.median()).isBetween(Duration.ofDays(10), Duration.ofDays(10).plusMinutes(5));
        assertThat(consent.p90()).isBetween(Duration.ofDays(20), Duration.ofDays(20).plusMinutes(5));
        // the clinic's target for consent is 7 days: one of three within it
        assertThat(consent.target()).isEqualTo(Duration.ofDays(7));
        assertThat(consent.onTimeShare()).isEqualTo(1.0 / 3);
        assertThat(figures(report, CaseStage.BIOPSY).casesNow()).isEqualTo(3);
        assertThat(figures(report, CaseStage.BIOPSY).finished()).isZero();
        // consent's median runs over its target; no other stage has finished
        assertThat(report.bottleneck().stage()).isEqualTo(CaseStage.CONSENT);
        assertThat(stillInConsent).isNotBlank();

        // the whole pipeline's figures hold these and every other test's cases
        assertThat(figures(statistics.read(null), CaseStage.CONSENT).finished()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void casesFinishedPerWeekCountTheLastTwelveWeeks() {
        // another use case than the other test's, whose consent figures this case would change
        String useCase = "prostate-cancer-grading";
        String declined = driver.register(useCase, 1.0);
        int before = statistics.read(useCase).finishedPerWeek().get(11).cases();
        driver.decline(declined);

        StatisticsReport report = statistics.read(useCase);
        assertThat(report.finishedPerWeek()).hasSize(12);
        assertThat(report.finishedPerWeek().get(11).cases()).isEqualTo(before + 1);
        assertThat(report.finishedPerWeek().get(11).start().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    }

    @Test
    void percentilesTakeTheNearestRank() {
        var sorted = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofDays).toList();
        assertThat(StageStatistics.percentile(sorted, 50)).isEqualTo(Duration.ofDays(5));
        assertThat(StageStatistics.percentile(sorted, 90)).isEqualTo(Duration.ofDays(9));
        assertThat(StageStatistics.percentile(java.util.List.of(Duration.ofDays(3)), 90)).isEqualTo(Duration.ofDays(3));
        assertThat(StageStatistics.percentile(java.util.List.of(), 50)).isNull();
    }

    private static StageFigures figures(StatisticsReport report, CaseStage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}
