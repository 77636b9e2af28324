package se.ixbi.processes.catalogue;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a research group gets a service: the access routes the infrastructures offer. */
public enum AccessMode {
    RAPID_ACCESS("rapid-access", "Rapid access"),
    PROPOSAL_ROUND("proposal-round", "Proposal round"),
    COLLABORATIVE_PROJECT("collaborative-project", "Collaborative project");

    private final String id;
    private final String label;

    AccessMode(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
