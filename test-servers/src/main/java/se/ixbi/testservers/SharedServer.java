package se.ixbi.testservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server process that the test JVMs of one Maven run share: the first JVM that asks starts it detached from
 * itself, under a shell that stops it when the Maven process ends; later JVMs of the same run find it through a
 * state file in the root {@code target/} folder and a file lock. Outside Maven (a single test from an IDE) the test
 * JVM itself is the owner.
 */
final class SharedServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MAVEN_LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";

    private final String name;
    private final Path dir;
    private final Duration startTimeout;

    /** @param name the folder under the root {@code target/} that holds its state, lock and log */
    SharedServer(String name, Duration startTimeout) {
        this.name = name;
        this.dir = root().resolve("target").resolve(name);
        this.startTimeout = startTimeout;
    }

    Path dir() {
        return dir;
    }

    /** What the server's owner needs to start it: a port chosen here, the command and where it answers. */
    interface Launch {

        /** @param firstOfRun true when no earlier JVM of this Maven run started it (stale data may be cleared) */
        Started start(int port, boolean firstOfRun) throws IOException;
    }

    /**
     * @param command the server's command line
     * @param environment added to the server's environment
     * @param url where it answers once started
     */
    record Started(List<String> command, Map<String, String> environment, String url) {
    }

    /**
     * The URL of the running server, starting it when this run has none or it no longer answers.
     *
     * @param answers whether a URL is served by a healthy server
     */
    String acquire(Launch launch, Predicate<String> answers) throws IOException {
        Files.createDirectories(dir);
        long owner = owner();
        Path stateFile = dir.resolve("state.properties");
        try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            Properties state = new Properties();
            if (Files.exists(stateFile)) {
                try (InputStream in = Files.newInputStream(stateFile)) {
                    state.load(in);
                }
            }
            boolean sameRun = String.valueOf(owner).equals(state.getProperty("owner"));
            String url = state.getProperty("url");
            if (sameRun && answers.test(url)) {
                return url;
            }
            int port = sameRun && state.getProperty("port") != null ? Integer.parseInt(state.getProperty("port"))
                    : freePort();
            Started started = launch.start(port, !sameRun);
            long pid = start(started, owner, answers);
            state.setProperty("owner", String.valueOf(owner));
            state.setProperty("url", started.url());
            state.setProperty("port", String.valueOf(port));
            state.setProperty("pid", String.valueOf(pid));
            try (OutputStream out = Files.newOutputStream(stateFile)) {
                state.store(out, "the " + name + " shared by this Maven run's tests");
            }
            return started.url();
        }
    }

    /** Stops the server (its tests then see it down); the next {@link #acquire} starts it again on the same port. */
    void stop() throws IOException {
        Properties state = new Properties();
        Path stateFile = dir.resolve("state.properties");
        if (!Files.exists(stateFile)) {
            return;
        }
        try (InputStream in = Files.newInputStream(stateFile)) {
            state.load(in);
        }
        ProcessHandle.of(Long.parseLong(state.getProperty("pid", "-1"))).ifPresent(shell -> {
            shell.destroy();
            shell.onExit().join();
        });
    }

    private long start(Started started, long owner, Predicate<String> answers) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                // the server lives while its owner does; a TERM to the shell stops it too
                "\"$@\" & server=$!; trap 'kill $server; wait $server; exit' TERM; "
                        + "while kill -0 " + owner + " 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 2; done; "
                        + "kill $server 2>/dev/null; wait $server",
                name));
        command.addAll(started.command());
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(started.environment());
        Process shell = builder.start();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!shell.isAlive()) {
                throw new IllegalStateException("the " + name + " exited with " + shell.exitValue() + "; see " + log);
            }
            if (answers.test(started.url())) {
                return shell.pid();
            }
            sleep(500);
        }
        shell.destroy();
        throw new IllegalStateException("the " + name + " did not answer within " + startTimeout + "; see " + log);
    }

    /** The Maven process this JVM runs under, or this JVM when there is none. */
    private static long owner() {
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            if (p.info().commandLine().orElse("").contains(MAVEN_LAUNCHER)) {
                return p.pid();
            }
        }
        return ProcessHandle.current().pid();
    }

    /** The reactor's root: the nearest folder up from here that holds the Maven wrapper. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    /** Whether a GET of the URL answers 200 within the timeout. */
    static boolean answersOk(String url, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder and all it holds, if it is there (a server's data from an earlier run). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
