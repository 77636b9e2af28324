package se.ixbi.processes.cases;

public enum CaseStatus {
    ACTIVE, COMPLETED, NO_CONSENT, WITHDRAWN, SAMPLE_LOST
}
