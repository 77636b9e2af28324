package se.ixbi.processes.consent;

/** What the patient agreed to; X-ray imaging is the entry to the pipeline, the rest gate later stages. */
public record ConsentScopes(boolean xray, boolean vem, boolean omics, boolean dataSharing, boolean futureResearch) {

    /** The scopes granted, as people name them ("X-ray tomography, volume EM"), or "none". */
    public String described() {
        java.util.List<String> granted = new java.util.ArrayList<>();
        if (xray) {
            granted.add("X-ray tomography");
        }
        if (vem) {
            granted.add("volume EM");
        }
        if (omics) {
            granted.add("spatial omics");
        }
        if (dataSharing) {
            granted.add("data sharing");
        }
        if (futureResearch) {
            granted.add("future research");
        }
        return granted.isEmpty() ? "none" : String.join(", ", granted);
    }
}
