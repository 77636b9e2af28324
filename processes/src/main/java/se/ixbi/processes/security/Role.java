package se.ixbi.processes.security;

/** The roles of IXBI; each is a Camunda group of the same id and a Spring role {@code ROLE_<id>}. */
enum Role {
    /** tracks cases, confirms ROIs, reviews QC and registrations, handles escalations */
    COORDINATOR("coordinator", "Coordinators"),
    /** obtains consent, performs and records the biopsy, reviews findings */
    CLINICIAN("clinician", "Clinicians"),
    /** reads history and the audit trail; changes nothing */
    AUDITOR("auditor", "Auditors"),
    /** runs beamline and lab work and the platform itself: beamtime, blocks, sections, incidents, users */
    OPERATOR("operator", "Operators"),
    /** service accounts of the external-task workers: fetch, lock, complete and fail tasks, report progress */
    WORKER("worker", "Workers"),
    /** the FHIR bridge's service account: the fhir.* external tasks, reading cases, withdrawals from the clinic */
    FHIR_BRIDGE("fhir-bridge", "FHIR bridge");

    final String group;
    final String displayName;

    Role(String group, String displayName) {
        this.group = group;
        this.displayName = displayName;
    }
}
