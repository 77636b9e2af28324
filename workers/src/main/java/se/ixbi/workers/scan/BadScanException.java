package se.ixbi.workers.scan;

import se.ixbi.workers.formats.UnreadableFileException;

/** A DXchange scan that cannot be reconstructed as it is: a missing dataset, inconsistent shapes, NaNs, a damaged file. */
public class BadScanException extends UnreadableFileException {

    public BadScanException(String message) {
        super(message);
    }

    public BadScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
