package se.ixbi.workers.runtime;

import java.util.Map;

import se.ixbi.workers.formats.UnreadableFileException;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.ObjectNotFoundException;
import se.ixbi.workers.storage.QuarantinedException;

/**
 * A handler that reads an upload as the instrument sent it: an upload that is missing, damaged or unreadable is the
 * BPMN error {@value #BAD_UPLOAD} with the reason, and the case waits for the next one; a quarantined case or
 * inconsistent input ({@link IllegalArgumentException}) would fail every retry alike and goes to an incident at once.
 */
public interface RawUploadHandler extends TopicHandler {

    String BAD_UPLOAD = "BAD_UPLOAD";

    Map<String, Object> work(WorkItem item) throws Exception;

    @Override
    default Map<String, Object> handle(WorkItem item) throws Exception {
        try {
            return work(item);
        } catch (UnreadableFileException | ChecksumMismatchException | ObjectNotFoundException e) {
            throw new BusinessFailure(BAD_UPLOAD, e.getMessage());
        } catch (QuarantinedException | IllegalArgumentException e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }
}
