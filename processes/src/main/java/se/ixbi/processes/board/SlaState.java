package se.ixbi.processes.board;

/** A case's time in its stage against the stage's target from the service catalogue. */
public enum SlaState {
    ON_TIME("On time"),
    /** past {@link #AT_RISK_SHARE} of the target */
    AT_RISK("At risk"),
    LATE("Late"),
    NO_TARGET("No target");

    /** The share of the target after which a case is at risk. */
    static final double AT_RISK_SHARE = 0.8;

    private final String label;

    SlaState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The CSS class of the state's badge. */
    public String css() {
        return name().toLowerCase().replace('_', '-');
    }

    public static SlaState of(java.time.Duration inStage, java.time.Duration target) {
        if (target == null) {
            return NO_TARGET;
        }
        if (inStage.compareTo(target) > 0) {
            return LATE;
        }
        return inStage.toMillis() > target.toMillis() * AT_RISK_SHARE ? AT_RISK : ON_TIME;
    }
}
