package se.ixbi.workers.runtime;

import java.util.Map;

import se.ixbi.workers.formats.UnreadableFileException;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.ObjectNotFoundException;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.QuarantinedException;

/**
 * The shape every handler of stored data shares. The template gives the stage a {@link StageRun}: the task's scratch
 * folder, its inputs fetched with their checksums, progress, and the datasets it makes published with manifest and
 * provenance. It turns an input's failure into what the process expects, by the kind of input. The stage's own work
 * is the only thing a handler writes.
 */
public abstract class StoredDataHandler implements TopicHandler {

    /** The BPMN error of an upload that cannot be used; the case waits for the next upload. */
    public static final String BAD_UPLOAD = "BAD_UPLOAD";

    /** What the task's input is, and so what a failure to read it means. */
    public enum Input {
        /**
         * An upload as the instrument sent it. Missing, damaged or unreadable, it is the BPMN error
         * {@value #BAD_UPLOAD} with the reason.
         */
        UPLOAD,
        /**
         * Datasets already verified and stored. One that no longer matches its checksum, or cannot be read after
         * all, would fail every retry alike: an incident at once ({@link PermanentFailure}).
         */
        STORED
    }

    private final Input input;
    private final ObjectStore store;
    private final WorkerProperties properties;

    protected StoredDataHandler(Input input, ObjectStore store, WorkerProperties properties) {
        this.input = input;
        this.store = store;
        this.properties = properties;
    }

    /** The stage's work: the process variables to complete the task with. */
    protected abstract Map<String, Object> work(StageRun run) throws Exception;

    @Override
    public final Map<String, Object> handle(WorkItem item) throws Exception {
        try (Scratch scratch = Scratch.in(properties.scratch(), item.id())) {
            return work(new StageRun(item, store, scratch));
        } catch (Exception e) {
            throw failureOf(input, e);
        }
    }

    /** What the process makes of a stage's failure, by the kind of its input. */
    static Exception failureOf(Input input, Exception e) {
        if (e instanceof UnreadableFileException || e instanceof ChecksumMismatchException
                || e instanceof ObjectNotFoundException) {
            if (input == Input.UPLOAD) {
                return new BusinessFailure(BAD_UPLOAD, e.getMessage());
            }
            // a stored dataset not (yet) there may be a store that lags: retried with back-off
            return e instanceof ObjectNotFoundException ? e : new PermanentFailure(e.getMessage(), e);
        }
        if (e instanceof QuarantinedException || e instanceof IllegalArgumentException) {
            // a quarantined case, or input the contract does not allow: retrying would fail the same way
            return new PermanentFailure(e.getMessage(), e);
        }
        return e;
    }
}
