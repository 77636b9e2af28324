package se.ixbi.processes.catalogue;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a service takes cases now. */
public enum Readiness {
    OPERATIONAL("operational", "Taking cases"),
    PILOT("pilot", "Limited pilot"),
    PLANNED("planned", "Planned, not yet taking cases");

    private final String id;
    private final String label;

    Readiness(String id, String label) {
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
