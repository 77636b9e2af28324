package se.ixbi.workers.system;

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
 * The process application as it is deployed: {@code processes/target/ixbi-processes.jar} in its own JVM, in its
 * own working directory (so its H2 database and logs stay there), on a free port. The reactor builds
 * {@code processes} before {@code workers}, so the jar is there when these tests run.
 */
final class EngineProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "processes", "target", "ixbi-processes.jar").toAbsolutePath().normalize();

    private final Path workDir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    EngineProcess(Path workDir, List<String> extraArgs) {
        this.workDir = workDir;
        this.port = freePort();
        this.extraArgs = extraArgs;
    }

    static EngineProcess start(Path workDir, String... extraArgs) {
        EngineProcess engine = new EngineProcess(workDir, List.of(extraArgs));
        engine.start();
        return engine;
    }

    void start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the processes module first (./mvnw verify "
                    + "builds it before workers)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString(), "--server.port=" + port,
                // the job executor picks up asynchronous continuations and timers quickly in tests
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                // the pipeline's gauges follow the cases quickly
                "--ixbi.metrics.refresh=PT1S"));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("engine.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the engine", e);
        }
        awaitHealthy(Duration.ofSeconds(180));
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String engineRest() {
        return baseUrl() + "/engine-rest";
    }

    /** Stops the JVM the way an orchestrator does (SIGTERM), or pulls the plug (SIGKILL). */
    void stop(boolean kill) {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop(false);
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the engine exited with " + process.exitValue() + "; see "
                        + workDir.resolve("engine.log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
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
        throw new IllegalStateException("the engine did not become healthy within " + timeout + "; see "
                + workDir.resolve("engine.log"));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
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
