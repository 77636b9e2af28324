package se.ixbi.processes.dataset;

public enum DataLevel {
    RAW, RECONSTRUCTED, REGISTERED, ANALYSED
}
