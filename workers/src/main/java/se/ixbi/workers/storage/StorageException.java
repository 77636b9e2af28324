package se.ixbi.workers.storage;

/** The store could not be reached or refused a request: a technical failure, worth a retry. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
