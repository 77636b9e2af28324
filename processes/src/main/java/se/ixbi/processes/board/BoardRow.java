package se.ixbi.processes.board;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import se.ixbi.processes.cases.CaseStage;

/**
 * One active case on the pipeline board.
 *
 * @param step the name of what the case is at now (a task, a worker's step, an awaited message)
 * @param waits what it waits for, each in words
 * @param target the stage's turnaround target for the case's use case, or null when the catalogue names none
 * @param incidents the messages of its open incidents (root causes only)
 */
public record BoardRow(String caseId, String useCase, String useCaseName, CaseStage stage, String step,
        List<Wait> waits, Instant stageEnteredAt, Duration inStage, Duration target, SlaState sla,
        List<String> incidents) {

    /**
     * What a case waits for.
     *
     * @param kind {@code task} (a person's task for a candidate group), {@code worker} (an external task), or
     *        {@code message} (something from outside, such as a sample arriving at the beamline)
     * @param percent a worker's reported progress, or null
     */
    public record Wait(String kind, String text, Integer percent) {
    }
}
