package se.ixbi.processes.dataset;

import se.ixbi.processes.workflow.ProcessConstants;

/** An imaging or omics modality, with the message its process waits for when raw data arrives. */
public enum Modality {
    XRAY(ProcessConstants.MSG_RAW_DATA_UPLOADED, "xray"),
    VEM(ProcessConstants.MSG_VEM_DATA_UPLOADED, "vem"),
    OMICS(ProcessConstants.MSG_OMICS_DATA_UPLOADED, "omics"),
    FUSION(null, "fusion");

    private final String uploadMessage;
    private final String variablePrefix;

    Modality(String uploadMessage, String variablePrefix) {
        this.uploadMessage = uploadMessage;
        this.variablePrefix = variablePrefix;
    }

    String uploadMessage() {
        return uploadMessage;
    }

    /** Process variables of a raw upload are named {@code xrayRawUri}, {@code vemRawSha256}, ... */
    String variable(String suffix) {
        return variablePrefix + suffix;
    }
}
