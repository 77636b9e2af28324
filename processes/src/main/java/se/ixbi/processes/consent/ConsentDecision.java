package se.ixbi.processes.consent;

public enum ConsentDecision {
    GRANTED, DECLINED
}
