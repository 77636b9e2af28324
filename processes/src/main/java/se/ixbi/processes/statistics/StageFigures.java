package se.ixbi.processes.statistics;

import java.time.Duration;

import se.ixbi.processes.cases.CaseStage;

/**
 * One stage's figures over the window.
 *
 * @param casesNow active cases in the stage now
 * @param finished stage visits that ended in the window (the figures below are theirs)
 * @param median median turnaround, or null without finished visits
 * @param p90 90th percentile turnaround (nearest rank), or null
 * @param onTimeShare share of finished visits within their use case's target (0 to 1), or null
 * @param target the catalogue's longest target for the stage, or null
 */
public record StageFigures(CaseStage stage, int casesNow, int finished, Duration median, Duration p90,
        Double onTimeShare, Duration target) {

    /** How far the median runs over (above 1) or under the target: the bottleneck has the highest. */
    Double load() {
        return median == null || target == null ? null : (double) median.toMillis() / target.toMillis();
    }
}
