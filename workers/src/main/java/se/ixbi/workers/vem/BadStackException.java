package se.ixbi.workers.vem;

import se.ixbi.workers.formats.UnreadableFileException;

/** A FIB-SEM stack that cannot be read as its format says: no slices, no voxel size, values that are not finite. */
public class BadStackException extends UnreadableFileException {

    public BadStackException(String message) {
        super(message);
    }

    public BadStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
