package se.ixbi.workers.storage;

/** The case's consent was withdrawn: its data may not be processed, now or on a retry. */
public class QuarantinedException extends RuntimeException {

    public QuarantinedException(String caseId, String key) {
        super("case " + caseId + " is quarantined (consent withdrawn): " + key + " may not be processed");
    }
}
