package se.ixbi.workers.storage;

/** An object's content does not hash to what was recorded for it: it was damaged or replaced. */
public class ChecksumMismatchException extends RuntimeException {

    public ChecksumMismatchException(String key, String expected, String actual) {
        super(key + " has SHA-256 " + actual + ", expected " + expected);
    }
}
