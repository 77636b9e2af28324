package se.ixbi.workers.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where datasets live: an S3 bucket or a local folder. Keys follow
 * {@code cases/<caseId>/<specimen>/<modality>/<level>/<datasetId>.zarr/...}. Objects are streamed between files and
 * the store, never held whole in memory; a put to an existing key replaces it, so a redelivered task that writes
 * the same keys leaves the same objects behind.
 */
public interface ObjectStore {

    /** The URI that names {@code key} in this store, as process variables carry it. */
    URI uri(String key);

    /** The key named by {@code uri}; {@link IllegalArgumentException} when the URI points elsewhere. */
    String key(URI uri);

    /** Uploads a file (multipart where large) and records its SHA-256 with it. */
    StoredObject put(String key, Path file);

    /** Stores a small object, such as a manifest or a provenance record. */
    StoredObject put(String key, byte[] content);

    /** Size and, where recorded, SHA-256 of an object; empty when there is none. */
    Optional<StoredObject> stat(String key);

    /**
     * Streams an object into {@code target}, hashing as it goes. With {@code expectedSha256} given, a mismatch
     * deletes the partial file and throws {@link ChecksumMismatchException}.
     */
    StoredObject download(String key, Path target, String expectedSha256);

    /** The whole object; for small ones (manifests, provenance). */
    byte[] read(String key);

    /** Every object whose key starts with {@code prefix}, in key order. */
    List<StoredObject> list(String prefix);
}
