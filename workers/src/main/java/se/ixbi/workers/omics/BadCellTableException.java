package se.ixbi.workers.omics;

import se.ixbi.workers.formats.UnreadableFileException;

/** A cell table (AnnData or CSV) that cannot be read as its format says: missing arrays, wrong shapes, bad values. */
public class BadCellTableException extends UnreadableFileException {

    public BadCellTableException(String message) {
        super(message);
    }

    public BadCellTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
