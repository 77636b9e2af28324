package se.ixbi.processes.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One thing that happened to a case, from the engine's history or the domain's audit trail.
 *
 * @param at when
 * @param kind what sort of thing: {@code TASK_CREATED}, {@code TASK_CLAIM}, {@code TASK_ASSIGN},
 *        {@code TASK_COMPLETE} (who did it), {@code TASK_ENDED} (with its duration), {@code DECISION},
 *        {@code BPMN_ERROR} (with the thrower's reason), {@code INCIDENT}, {@code INCIDENT_RESOLVED},
 *        {@code MESSAGE} (with how long the case waited for it), {@code WORK_DONE} (with how long since it was
 *        queued), {@code WORK_FAILED}, or the audit trail's action ({@code CONSENT_RECORDED},
 *        {@code CUSTODY_RECEIVED_AT_BEAMLINE}, {@code DATASET_REGISTERED}, ...)
 * @param actor who: a user name, a service account, a worker id, or {@code engine}
 * @param subject the task, decision, activity, topic or specimen it concerns
 * @param detail a sentence for people
 * @param data the figures behind it (a decision's inputs and outputs, {@value #DURATION_MS})
 * @param source {@code engine} (Camunda history) or {@code audit} (the hash-chained trail, with its sequence number)
 */
public record HistoryEntry(Instant at, String kind, String actor, String subject, String detail,
        Map<String, Object> data, String source) {

    /** How long it took, in milliseconds, where that is known. */
    public static final String DURATION_MS = "durationMs";

    private static final Map<String, String> KINDS = Map.of(
            "TASK_CLAIM", "Task claimed",
            "TASK_COMPLETE", "Task completed",
            "TASK_ASSIGN", "Task assigned",
            "TASK_DELEGATE", "Task delegated",
            "TASK_RESOLVE", "Task resolved",
            "BPMN_ERROR", "BPMN error",
            "MESSAGE", "Event arrived");

    /** How long it took, or null where that is not known. */
    public Duration took() {
        return data.get(DURATION_MS) instanceof Number ms ? Duration.ofMillis(ms.longValue()) : null;
    }

    /** {@link #took()} as people read it, or an empty string. */
    public String tookInWords() {
        Duration took = took();
        return took == null ? "" : Took.of(took);
    }

    /** The kind as a page names it: "Task completed", "Consent recorded". */
    public String kindInWords() {
        String words = KINDS.get(kind);
        if (words != null) {
            return words;
        }
        String lower = kind.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** Whether it went wrong: a BPMN error, an incident, or a worker's failure. */
    public boolean alarming() {
        return kind.equals("BPMN_ERROR") || kind.equals("INCIDENT") || kind.equals("WORK_FAILED");
    }
}
