package se.ixbi.processes.workflow;

/**
 * Every name shared by the BPMN models, the Java code and the tests: process keys, messages, variables and
 * error codes. The models are the source of truth; a test checks that each constant here appears in them.
 */
public final class ProcessConstants {

    public static final String CASE_PROCESS = "ixbi-case";
    public static final String CONSENT_PROCESS = "ixbi-consent";
    public static final String BIOPSY_PROCESS = "ixbi-biopsy";
    public static final String XRAY_PROCESS = "ixbi-xray";
    public static final String VEM_PROCESS = "ixbi-vem";
    public static final String OMICS_PROCESS = "ixbi-spatial-omics";
    public static final String ANALYSIS_PROCESS = "ixbi-analysis";

    public static final String DECISION_ACQUISITION_PLAN = "acquisition-plan";

    public static final String MSG_CONSENT_WITHDRAWN = "ConsentWithdrawn";
    public static final String MSG_SAMPLE_RECEIVED = "SampleReceived";
    public static final String MSG_RAW_DATA_UPLOADED = "RawDataUploaded";
    public static final String MSG_VEM_DATA_UPLOADED = "VemDataUploaded";
    public static final String MSG_OMICS_DATA_UPLOADED = "OmicsDataUploaded";

    public static final String ERROR_BAD_UPLOAD = "BAD_UPLOAD";
    public static final String ERROR_QC_FAILED = "QC_FAILED";
    public static final String ERROR_REGISTRATION_FAILED = "REGISTRATION_FAILED";
    public static final String ERROR_SAMPLE_LOST = "SAMPLE_LOST";

    public static final String VAR_CASE_ID = "caseId";
    public static final String VAR_USE_CASE = "useCase";
    public static final String VAR_TARGET_RESOLUTION_UM = "targetResolutionUm";
    public static final String VAR_CASE_SLA = "caseSla";
    public static final String VAR_CUSTODY_TIMEOUT = "custodyTimeout";
    public static final String VAR_CONSENT_GRANTED = "consentGranted";
    public static final String VAR_WITHIN_DOSE_ENVELOPE = "withinDoseEnvelope";
    public static final String VAR_ACQUISITION_PLAN = "acquisitionPlan";
    /** set by a worker while it runs a task: which topic, how far, what it is doing (docs/topics.md) */
    public static final String VAR_WORK_PROGRESS_TOPIC = "workProgressTopic";
    public static final String VAR_WORK_PROGRESS_PERCENT = "workProgressPercent";
    public static final String VAR_WORK_PROGRESS_STEP = "workProgressStep";

    private ProcessConstants() {
    }
}
