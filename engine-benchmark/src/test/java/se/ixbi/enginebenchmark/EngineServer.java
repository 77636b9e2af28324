package se.ixbi.enginebenchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** An engine in a JVM of its own, on a free port, in its own working directory: plain Camunda or the project's. */
final class EngineServer implements AutoCloseable {

    static final Path PROCESSES_JAR = Path.of("..", "processes", "target", "ixbi-processes.jar").toAbsolutePath()
            .normalize();

    final String name;
    final int port;
    private final Process process;
    private final Path log;

    private EngineServer(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Plain Camunda from this module's classes, without the project's jar on its class path. */
    static EngineServer plain(Path dir, String... args) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("ixbi-processes")).collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of("-cp", classPath, PlainCamunda.class.getName()));
        command.addAll(List.of(args));
        return start("plain Camunda 7.24", dir, command);
    }

    /** The project's engine as shipped: its jar with the embedded default's configuration. */
    static EngineServer ixbi(Path dir, String... args) throws IOException {
        if (!Files.isRegularFile(PROCESSES_JAR)) {
            throw new IllegalStateException(PROCESSES_JAR + " is missing: ./mvnw -B -q install -DskipTests first");
        }
        List<String> command = new ArrayList<>(List.of("-jar", PROCESSES_JAR.toString()));
        command.addAll(List.of(args));
        // a setting to try, e.g. -Dbench.ixbi=--camunda.bpm.generic-properties.properties.some-setting=value
        String trial = System.getProperty("bench.ixbi", "");
        if (!trial.isBlank()) {
            command.addAll(List.of(trial.trim().split("\\s+")));
        }
        return start("IXBI engine", dir, command);
    }

    private static EngineServer start(String name, Path dir, List<String> arguments) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx768m"));
        // e.g. -Dbench.jvm=-XX:StartFlightRecording=filename=/tmp/engine.jfr to profile each engine
        String extra = System.getProperty("bench.jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(arguments);
        command.add("--server.port=" + port);
        Path log = dir.resolve("engine.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        EngineServer server = new EngineServer(name, port, process, log);
        server.awaitUp(Duration.ofMinutes(3));
        return server;
    }

    String engineRest() {
        return "http://127.0.0.1:" + port + "/engine-rest";
    }

    private void awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(engineRest() + "/engine"))
                        .header("Authorization", RestLoad.basic("operator")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not answer within " + timeout + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
