package se.ixbi.processes.cases;

/** Where a case stands in the pipeline; CORRELATIVE covers volume EM and spatial omics, which run in parallel. */
public enum CaseStage {
    REGISTERED("Registered"),
    CONSENT("Consent"),
    BIOPSY("Biopsy"),
    XRAY("X-ray"),
    CORRELATIVE("Volume EM and spatial omics"),
    ANALYSIS("Analysis"),
    WITHDRAWAL("Withdrawal"),
    CLOSED("Closed");

    private final String label;

    CaseStage(String label) {
        this.label = label;
    }

    /** The stage as pages name it. */
    public String label() {
        return label;
    }
}
