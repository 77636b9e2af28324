package se.ixbi.workers.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Moves a folder tree (an OME-Zarr image) to and from the store: files first, a {@link DatasetManifest} last. A
 * reader goes by the manifest and verifies every file, so a tree whose upload was cut short is never read; writing
 * it again puts the same files under the same keys.
 */
public final class DatasetTrees {

    private static final int PARALLEL_TRANSFERS = 4;

    private DatasetTrees() {
    }

    public record Uploaded(DatasetManifest manifest, StoredObject manifestObject) {
    }

    /** Whether the dataset at {@code key} is a tree (a manifest beside it), not one object. */
    public static boolean isTree(ObjectStore store, String key) {
        // the manifest first: where there is none (one object), the object itself is not looked at, which in the
        // local store would read all of it for its checksum
        return store.stat(DatasetManifest.keyFor(key)).isPresent() && store.stat(key).isEmpty();
    }

    public static Uploaded upload(ObjectStore store, Path dir, String prefix) {
        List<DatasetManifest.Entry> entries = transfer(files(dir), file -> {
            String relative = relative(dir, file);
            StoredObject stored = store.put(prefix + "/" + relative, file);
            return new DatasetManifest.Entry(relative, stored.size(), stored.sha256());
        });
        DatasetManifest manifest = new DatasetManifest(prefix, entries);
        StoredObject manifestObject = store.put(DatasetManifest.keyFor(prefix), manifest.toJson());
        return new Uploaded(manifest, manifestObject);
    }

    /** The files of a tree, in path order: the manifest's order. */
    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A file's path in the manifest: relative to the tree, with forward slashes. */
    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Downloads the dataset at {@code prefix} into {@code dir}, checking each file against the manifest (and the
     * manifest against {@code manifestSha256} where given).
     */
    public static DatasetManifest download(ObjectStore store, String prefix, Path dir, String manifestSha256) {
        String manifestKey = DatasetManifest.keyFor(prefix);
        if (store.stat(manifestKey).isEmpty()) {
            throw new ObjectNotFoundException(manifestKey + " (the dataset " + prefix + " is missing or incomplete)");
        }
        byte[] json = store.read(manifestKey);
        String actual = Sha256.of(json);
        if (manifestSha256 != null && !manifestSha256.equalsIgnoreCase(actual)) {
            throw new ChecksumMismatchException(manifestKey, manifestSha256, actual);
        }
        DatasetManifest manifest = DatasetManifest.fromJson(json);
        transfer(manifest.files(), entry -> {
            Path target = dir.resolve(entry.path()).normalize();
            if (!target.startsWith(dir)) {
                throw new IllegalArgumentException("manifest entry " + entry.path() + " leaves the dataset");
            }
            store.download(prefix + "/" + entry.path(), target, entry.sha256());
            return entry;
        });
        return manifest;
    }

    private interface Transfer<T, R> {
        R apply(T item) throws Exception;
    }

    private static <T, R> List<R> transfer(List<T> items, Transfer<T, R> action) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_TRANSFERS);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> action.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("transfer interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException("transfer failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            // a failed transfer must not leave the others writing behind the caller's back (or into a retry)
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
