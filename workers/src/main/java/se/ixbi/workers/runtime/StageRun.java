package se.ixbi.workers.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import se.ixbi.workers.storage.DatasetManifest;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;
import se.ixbi.workers.version.WorkersVersion;

/** One task of a {@link StoredDataHandler}: what every stage needs besides its own work. */
public final class StageRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final WorkItem item;
    private final ObjectStore store;
    private final Scratch scratch;
    private final long started = System.currentTimeMillis();

    StageRun(WorkItem item, ObjectStore store, Scratch scratch) {
        this.item = item;
        this.store = store;
        this.scratch = scratch;
    }

    /** A dataset published under {@code key}: its files' manifest and where it lies. */
    public record Published(String key, URI uri, DatasetManifest manifest, StoredObject manifestObject) {

        /** {@code <name>DatasetId}, {@code <name>Uri}, {@code <name>Sha256} (of the manifest), {@code <name>SizeBytes}. */
        public Map<String, Object> variables(String name, String datasetId) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(name + "DatasetId", datasetId);
            out.put(name + "Uri", uri.toString());
            out.put(name + "Sha256", manifestObject.sha256());
            out.put(name + "SizeBytes", manifest.totalSize());
            return out;
        }
    }

    /**
     * The id of a dataset made from these parts (input ids, parameters): the same parts give the same id, so a task
     * delivered twice writes the same keys.
     */
    public static String datasetId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public WorkItem item() {
        return item;
    }

    public ObjectStore store() {
        return store;
    }

    /** A path in the task's scratch folder, which is deleted when the task ends. */
    public Path scratch(String name) {
        return scratch.resolve(name);
    }

    /** A new folder in the task's scratch folder. */
    public Path scratchFolder(String name) {
        try {
            return Files.createDirectories(scratch.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + name + " in the scratch folder", e);
        }
    }

    public Path scratchFolder() {
        return scratch.dir();
    }

    public void progress(int percent, String step) {
        item.progress(percent, step);
    }

    /** The store's key of an object URI that a variable carries. */
    public String key(String uri) {
        return store.key(URI.create(uri));
    }

    /** The dataset tree at {@code uri}, downloaded into {@code name}, each file checked against its manifest. */
    public Path fetchDataset(String uri, String manifestSha256, String name) {
        Path dir = scratch.resolve(name);
        DatasetTrees.download(store, key(uri), dir, manifestSha256);
        return dir;
    }

    /** The object at {@code uri}, downloaded into {@code name} and checked against its SHA-256 where one is given. */
    public Path fetchObject(String uri, String sha256, String name) {
        Path file = scratch.resolve(name);
        store.download(key(uri), file, sha256);
        return file;
    }

    /** Downloads the dataset tree at {@code uri} into the scratch folder {@code name}, each file checked. */
    public Path fetchTree(String uri, String manifestSha256, String name) {
        Path folder = scratch.resolve(name);
        DatasetTrees.download(store, key(uri), folder, manifestSha256);
        return folder;
    }

    /** Uploads a folder as the dataset under {@code key}: its files first, its manifest last. */
    public Published publish(Path folder, String key) {
        DatasetTrees.Uploaded uploaded = DatasetTrees.upload(store, folder, key);
        return new Published(key, store.uri(key), uploaded.manifest(), uploaded.manifestObject());
    }

    /**
     * The provenance record beside a published dataset ({@code <id>.provenance.json} next to {@code <id>.zarr}):
     * software, task, input and output, then what the stage records; when it started and how long it took, unless
     * the stage gives its own timings.
     */
    public void recordProvenance(Published dataset, String datasetId, Map<String, Object> input,
            Map<String, Object> stageRecord) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("software", WorkersVersion.NAME);
        provenance.put("task", Map.of("topic", item.topic(), "id", item.id(), "case", item.caseId()));
        provenance.put("input", input);
        provenance.put("output", Map.of("uri", dataset.uri().toString(), "datasetId", datasetId,
                "manifestSha256", dataset.manifestObject().sha256()));
        provenance.putAll(stageRecord);
        provenance.putIfAbsent("startedAt", Instant.ofEpochMilli(started).toString());
        if (!provenance.containsKey("timingsMs")) {
            provenance.putIfAbsent("millis", System.currentTimeMillis() - started);
        }
        String key = dataset.key();
        int extension = key.lastIndexOf('.');
        try {
            store.put((extension > key.lastIndexOf('/') ? key.substring(0, extension) : key) + ".provenance.json",
                    JSON.writeValueAsBytes(provenance));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the provenance of " + key + " cannot be written as JSON", e);
        }
    }

    public long startedAt() {
        return started;
    }
}
