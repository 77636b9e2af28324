package se.ixbi.processes.specimen;

/** What happened to a specimen. RECEIVED_AT_BEAMLINE completes the hand-off from the clinic to MAX IV. */
public enum CustodyAction {
    COLLECTED, PREPARED, SHIPPED, RECEIVED_AT_BEAMLINE, RECEIVED, STORED, TRANSFERRED, CONSUMED
}
