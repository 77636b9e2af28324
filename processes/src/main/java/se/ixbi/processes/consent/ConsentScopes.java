package se.ixbi.processes.consent;

/** What the patient agreed to; X-ray imaging is the entry to the pipeline, the rest gate later stages. */
public record ConsentScopes(boolean xray, boolean vem, boolean omics, boolean dataSharing, boolean futureResearch) {
}
