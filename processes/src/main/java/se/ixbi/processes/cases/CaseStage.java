package se.ixbi.processes.cases;

/** Where a case stands in the pipeline; CORRELATIVE covers volume EM and spatial omics, which run in parallel. */
public enum CaseStage {
    REGISTERED, CONSENT, BIOPSY, XRAY, CORRELATIVE, ANALYSIS, WITHDRAWAL, CLOSED
}
