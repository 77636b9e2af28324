package se.ixbi.workers.runtime;

import java.util.Map;

import se.ixbi.workers.formats.UnreadableFileException;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.QuarantinedException;

/**
 * A handler that works on datasets already verified and stored: an input that no longer matches its checksum, one
 * that cannot be read after all, a quarantined case or inconsistent input ({@link IllegalArgumentException}) would
 * fail every retry alike, so it goes to an incident at once ({@link PermanentFailure}) with its message.
 */
public interface StoredInputHandler extends TopicHandler {

    Map<String, Object> work(WorkItem item) throws Exception;

    @Override
    default Map<String, Object> handle(WorkItem item) throws Exception {
        try {
            return work(item);
        } catch (ChecksumMismatchException | UnreadableFileException | QuarantinedException | IllegalArgumentException e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }
}
