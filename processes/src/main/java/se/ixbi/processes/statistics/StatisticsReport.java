package se.ixbi.processes.statistics;

import java.time.LocalDate;
import java.util.List;

/**
 * The statistics page: per stage, the cases finished per week, and the stage that holds cases up most.
 *
 * @param useCase the use case the figures are of, or null for all
 * @param bottleneck the stage whose median turnaround is largest against its target, or null without data
 */
public record StatisticsReport(int windowDays, String useCase, List<StageFigures> stages, StageFigures bottleneck,
        List<Week> finishedPerWeek) {

    /** Cases whose process ended in the week starting on Monday {@code start}. */
    public record Week(LocalDate start, int cases) {
    }
}
