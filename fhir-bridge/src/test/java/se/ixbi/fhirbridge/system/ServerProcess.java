package se.ixbi.fhirbridge.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the platform's jars in its own JVM, as it is deployed: own working directory (its database and log stay
 * there), a free port, started in the background and awaited by its health URL.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final int port;
    private final String healthPath;
    private final List<String> args;
    private Process process;

    ServerProcess(String name, Path jar, Path workDir, String healthPath, String heap, List<String> args) {
        this.name = name;
        this.jar = jar;
        this.workDir = workDir;
        this.port = freePort();
        this.healthPath = healthPath;
        this.args = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--server.port=" + port));
        this.args.addAll(args);
    }

    ServerProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor builds it before fhir-bridge");
        }
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(args).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " did not answer " + healthPath + " within " + timeout + "; see "
                + log());
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return workDir.resolve(name + ".log");
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
