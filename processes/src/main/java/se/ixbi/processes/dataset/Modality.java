package se.ixbi.processes.dataset;

import se.ixbi.processes.workflow.ProcessConstants;

/** An imaging or omics modality, with the message its process waits for when raw data arrives. */
public enum Modality {
    XRAY(ProcessConstants.MSG_RAW_DATA_UPLOADED, "xray", "X-ray"),
    VEM(ProcessConstants.MSG_VEM_DATA_UPLOADED, "vem", "Volume EM"),
    OMICS(ProcessConstants.MSG_OMICS_DATA_UPLOADED, "omics", "Spatial omics"),
    FUSION(null, "fusion", "Findings");

    private final String uploadMessage;
    private final String variablePrefix;
    private final String label;

    Modality(String uploadMessage, String variablePrefix, String label) {
        this.uploadMessage = uploadMessage;
        this.variablePrefix = variablePrefix;
        this.label = label;
    }

    /** The modality as pages name it. */
    public String label() {
        return label;
    }

    String uploadMessage() {
        return uploadMessage;
    }

    /** Process variables of a raw upload are named {@code xrayRawUri}, {@code vemRawSha256}, ... */
    String variable(String suffix) {
        return variablePrefix + suffix;
    }
}
