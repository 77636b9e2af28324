package se.ixbi.fhirserver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The local FHIR server's jar ({@code fhir-server/target/ixbi-fhir-server.jar}, a real HAPI JPA server), started
 * once per Maven run and shared by the tests of every module: it takes half a minute and a gigabyte to start.
 *
 * <p>The first test JVM that asks starts it detached from itself, under a shell that stops it when the Maven
 * process ends; later JVMs of the same run find it through a state file in the root {@code target/} folder. Outside
 * Maven (a single test from an IDE) the test JVM itself is the owner. Each JVM that takes the server over deletes
 * the subscriptions left by the bridges of earlier JVMs, whose endpoints are gone.
 */
public final class SharedFhirServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String MAVEN_LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";

    private static String base;

    private SharedFhirServer() {
    }

    /** The server's FHIR base URL ({@code http://localhost:port/fhir}), starting it if this run has none yet. */
    public static synchronized String base() {
        if (base == null) {
            try {
                base = acquire(root().resolve("target/shared-fhir-server"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared FHIR server", e);
            }
        }
        return base;
    }

    private static String acquire(Path dir) throws IOException {
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
                String url = state.getProperty("base");
                if (String.valueOf(owner).equals(state.getProperty("owner")) && answers(url)) {
                    deleteSubscriptions(url);
                    return url;
                }
            }
            String url = start(dir, owner);
            state.setProperty("owner", String.valueOf(owner));
            state.setProperty("base", url);
            try (OutputStream out = Files.newOutputStream(stateFile)) {
                state.store(out, "the FHIR server shared by this Maven run's tests");
            }
            return url;
        }
    }

    private static String start(Path dir, long owner) throws IOException {
        Path jar = root().resolve("fhir-server/target/ixbi-fhir-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages fhir-server before its tests");
        }
        deleteTree(dir.resolve("db"));
        int port = freePort();
        String url = "http://localhost:" + port + "/fhir";
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                // the server lives while its owner does; a TERM to the shell stops it too
                "\"$@\" & server=$!; trap 'kill $server; exit' TERM; "
                        + "while kill -0 " + owner + " 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 2; done; "
                        + "kill $server 2>/dev/null; wait $server",
                "shared-fhir-server",
                ProcessHandle.current().info().command().orElse("java"), "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.port=" + port,
                "--ixbi.fhir-server.jdbc-url=jdbc:h2:file:" + dir.resolve("db/fhir")));
        Path log = dir.resolve("fhir-server.log");
        Process shell = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!shell.isAlive()) {
                throw new IllegalStateException("the shared FHIR server exited with " + shell.exitValue() + "; see "
                        + log);
            }
            if (answers(url)) {
                return url;
            }
            sleep(500);
        }
        shell.destroy();
        throw new IllegalStateException("the shared FHIR server did not answer within " + START_TIMEOUT + "; see "
                + log);
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

    private static boolean answers(String url) {
        if (url == null) {
            return false;
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/metadata")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteSubscriptions(String url) throws IOException {
        try {
            HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(url
                    + "/Subscription?_elements=id&_count=1000")).header("Accept", "application/fhir+json")
                    .header("Cache-Control", "no-cache").build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode entry : JSON.readTree(found.body()).path("entry")) {
                String id = entry.path("resource").path("id").asText();
                HTTP.send(HttpRequest.newBuilder(URI.create(url + "/Subscription/" + id)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The reactor's root: the nearest folder up from here that holds the Maven wrapper. */
    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
