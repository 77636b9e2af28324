package se.ixbi.processes.history;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to a case, from the engine's history or the domain's audit trail.
 *
 * @param at when
 * @param kind what sort of thing: {@code TASK_CREATED}, {@code TASK_CLAIM}, {@code TASK_ASSIGN},
 *        {@code TASK_COMPLETE} (who did it), {@code TASK_ENDED} (with its duration), {@code DECISION}, {@code BPMN_ERROR}, {@code INCIDENT}, {@code INCIDENT_RESOLVED}, {@code MESSAGE},
 *        {@code WORK_DONE}, {@code WORK_FAILED}, or the audit trail's action ({@code CONSENT_RECORDED},
 *        {@code CUSTODY_RECEIVED_AT_BEAMLINE}, {@code DATASET_REGISTERED}, ...)
 * @param actor who: a user name, a service account, a worker id, or {@code engine}
 * @param subject the task, decision, activity, topic or specimen it concerns
 * @param detail a sentence for people
 * @param data the figures behind it (a decision's inputs and outputs, a task's duration)
 * @param source {@code engine} (Camunda history) or {@code audit} (the hash-chained trail, with its sequence number)
 */
public record HistoryEntry(Instant at, String kind, String actor, String subject, String detail,
        Map<String, Object> data, String source) {
}
