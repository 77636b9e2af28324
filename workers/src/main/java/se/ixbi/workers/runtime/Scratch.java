package se.ixbi.workers.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A task's own folder for downloads and outputs under construction, removed when the task ends. */
public final class Scratch implements AutoCloseable {

    private final Path dir;

    private Scratch(Path dir) {
        this.dir = dir;
    }

    public static Scratch in(Path root, String taskId) {
        try {
            Files.createDirectories(root);
            return new Scratch(Files.createTempDirectory(root.toAbsolutePath(), "task-" + taskId + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create scratch space under " + root, e);
        }
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch is best effort; the folder is under the worker's own scratch root
        }
    }
}
