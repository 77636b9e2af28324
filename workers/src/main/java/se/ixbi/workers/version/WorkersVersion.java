package se.ixbi.workers.version;

/** The software name and version that provenance records, findings and the command line's {@code --version} carry. */
public final class WorkersVersion {

    public static final String NAME = "ixbi-workers 0.1.0";

    private WorkersVersion() {
    }
}
