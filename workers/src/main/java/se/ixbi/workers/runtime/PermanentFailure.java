package se.ixbi.workers.runtime;

/**
 * A technical failure that a retry would meet again: damaged or inconsistent input that got past verification, a
 * quarantined case, a variable the topic contract promises but the task lacks. The task goes to an incident at
 * once, with this message, instead of after its retries.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
