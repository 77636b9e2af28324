package se.ixbi.workers.cli;

/** Exit codes of the command-line entry points: 0 done, 2 bad options (picocli's own), 3 unusable input. */
public final class ExitCodes {

    /** Input that cannot be processed as it is (missing datasets, bad shapes, NaNs, damaged files). */
    public static final int BAD_INPUT = 3;

    private ExitCodes() {
    }
}
