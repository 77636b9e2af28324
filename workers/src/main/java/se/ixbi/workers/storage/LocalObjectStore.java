package se.ixbi.workers.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded default: objects are files under {@code <root>/<bucket>/<key>}. Each write goes to a temporary file
 * that is moved into place, so a reader sees the old object or the new one, never half of one. The SHA-256 of an
 * object is computed when asked for; S3 keeps it as metadata instead.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final String PARTIAL = ".partial-";

    private final Path bucketRoot;

    public LocalObjectStore(Path root, String bucket) {
        this.bucketRoot = root.toAbsolutePath().normalize().resolve(bucket);
        try {
            Files.createDirectories(bucketRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object folder " + bucketRoot, e);
        }
    }

    @Override
    public URI uri(String key) {
        // not Path.toUri(), which appends a slash when the key happens to be a folder (a Zarr tree)
        try {
            return new URI("file", "", path(key).toString().replace('\\', '/'), null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("object key " + key + " makes no URI", e);
        }
    }

    @Override
    public String key(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException(uri + " is not in the local object store " + bucketRoot.toUri());
        }
        Path path = Path.of(uri).normalize();
        if (!path.startsWith(bucketRoot) || path.equals(bucketRoot)) {
            throw new IllegalArgumentException(uri + " is outside the local object store " + bucketRoot.toUri());
        }
        return bucketRoot.relativize(path).toString().replace('\\', '/');
    }

    @Override
    public StoredObject put(String key, Path file) {
        Path target = path(key);
        Path temporary = temporary(target);
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
                OutputStream out = Files.newOutputStream(temporary)) {
            in.transferTo(out);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("cannot store " + key + " from " + file, e);
        }
        commit(temporary, target);
        return new StoredObject(key, size(target), Sha256.hex(digest));
    }

    @Override
    public StoredObject put(String key, byte[] content) {
        Path target = path(key);
        Path temporary = temporary(target);
        try {
            Files.write(temporary, content);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("cannot store " + key, e);
        }
        commit(temporary, target);
        return new StoredObject(key, content.length, Sha256.of(content));
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path path = path(key);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(key, size(path), Sha256.of(path)));
    }

    @Override
    public StoredObject download(String key, Path target, String expectedSha256) {
        Path source = path(key);
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new StorageException("cannot read " + key, e);
        }
        String actual = Sha256.hex(digest);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            deleteQuietly(target);
            throw new ChecksumMismatchException(key, expectedSha256, actual);
        }
        return new StoredObject(key, size(target), actual);
    }

    @Override
    public byte[] read(String key) {
        try {
            return Files.readAllBytes(path(key));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            throw new StorageException("cannot read " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        if (!Files.isDirectory(bucketRoot)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucketRoot)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(PARTIAL))
                    .map(p -> bucketRoot.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .map(k -> new StoredObject(k, size(path(k)), null))
                    .toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + prefix, e);
        }
    }

    private Path path(String key) {
        Path path = bucketRoot.resolve(key).normalize();
        if (!path.startsWith(bucketRoot) || key.isBlank()) {
            throw new IllegalArgumentException("object key " + key + " leaves the store");
        }
        return path;
    }

    private static Path temporary(Path target) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new StorageException("cannot create " + target.getParent(), e);
        }
        return target.resolveSibling(PARTIAL + UUID.randomUUID());
    }

    private static void commit(Path temporary, Path target) {
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("cannot move " + temporary + " into place", e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + path, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the partial file is left for the next put to replace; it is never listed
        }
    }
}
