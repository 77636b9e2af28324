package se.ixbi.workers.formats;

/**
 * A file that cannot be read as its format says: a missing dataset, inconsistent shapes, values that are not finite,
 * a damaged file. Where the file is an upload, the case is told why (the BPMN error {@code BAD_UPLOAD}) and waits for
 * the next one; each format names its own kind ({@code BadScanException}, {@code BadStackException},
 * {@code BadCellTableException}).
 */
public class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
