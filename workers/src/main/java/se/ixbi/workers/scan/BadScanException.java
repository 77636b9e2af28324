package se.ixbi.workers.scan;

/** The input scan cannot be reconstructed as it is: a missing dataset, inconsistent shapes, NaNs, a damaged file. */
public class BadScanException extends RuntimeException {

    public BadScanException(String message) {
        super(message);
    }

    public BadScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
