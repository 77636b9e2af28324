package se.ixbi.workers.system;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import se.ixbi.testservers.SharedFhirServer;

/**
 * The clinical record's side of a loopback system, as deployed: the local FHIR server
 * ({@code fhir-server/target/ixbi-fhir-server.jar}, a real HAPI JPA server; one per Maven run, it starts slowly)
 * and a FHIR bridge ({@code fhir-bridge/target/ixbi-fhir-bridge.jar}) per engine, each in its own JVM.
 */
final class ClinicalRecordServers {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** 256 bits, base64: the size production must configure */
    static final String PSEUDONYM_KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private ClinicalRecordServers() {
    }

    /** The FHIR server shared by every test of this Maven run, started on first use. */
    static String fhirBase() {
        return SharedFhirServer.base();
    }

    /**
     * A bridge against the engine, the FHIR server and the S3 store; stopped with its loopback system.
     *
     * @param identity the arguments that choose how it signs in to the engine (empty: the demo account)
     */
    static JarProcess bridge(Path dir, EngineProcess engine, String s3Endpoint, String accessKey, String secretKey,
            List<String> identity) {
        return bridge(dir, engine.baseUrl(), s3Endpoint, accessKey, secretKey, identity);
    }

    /** The bridge against the engine at {@code engineUrl}: one node, or a proxy in front of several. */
    static JarProcess bridge(Path dir, String engineUrl, String s3Endpoint, String accessKey, String secretKey,
            List<String> identity) {
        int port = EngineProcess.freePort();
        List<String> args = new ArrayList<>(List.of(
                        "--ixbi.fhir.base-url=" + fhirBase(),
                        "--ixbi.bridge.engine.url=" + engineUrl,
                        "--camunda.bpm.client.base-url=" + engineUrl + "/engine-rest",
                        "--camunda.bpm.client.async-response-timeout=1000",
                        "--ixbi.bridge.pseudonym.key=" + PSEUDONYM_KEY,
                        "--ixbi.bridge.inbound.callback-url=http://localhost:" + port + "/fhir-events",
                        "--ixbi.bridge.tasks.retry-backoff=PT1S",
                        "--ixbi.objects.endpoint=" + s3Endpoint,
                        "--ixbi.objects.access-key=" + accessKey,
                        "--ixbi.objects.secret-key=" + secretKey));
        args.addAll(identity);
        JarProcess bridge = new JarProcess("fhir-bridge", ROOT.resolve("fhir-bridge/target/ixbi-fhir-bridge.jar"),
                dir, "/actuator/health", "384m", args, port);
        bridge.start();
        bridge.awaitHealthy(Duration.ofMinutes(2));
        return bridge;
    }

    /** A platform jar in its own JVM and working directory, on a free port, awaited by its health URL. */
    static final class JarProcess implements AutoCloseable {

        private final String name;
        private final Path workDir;
        private final int port;
        private final String healthPath;
        private final List<String> command;
        private Process process;

        JarProcess(String name, Path jar, Path workDir, String healthPath, String heap, List<String> args) {
            this(name, jar, workDir, healthPath, heap, args, EngineProcess.freePort());
        }

        JarProcess(String name, Path jar, Path workDir, String healthPath, String heap, List<String> args, int port) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the reactor builds it before workers");
            }
            this.name = name;
            this.workDir = workDir;
            this.port = port;
            this.healthPath = healthPath;
            this.command = new ArrayList<>(List.of(EngineProcess.javaBinary(), "-Xmx" + heap,
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
            this.command.addAll(args);
        }

        void start() {
            try {
                Files.createDirectories(workDir);
                process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }

        void awaitHealthy(Duration timeout) {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log());
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                EngineProcess.sleep(500);
            }
            throw new IllegalStateException(name + " did not answer within " + timeout + "; see " + log());
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }

        Path log() {
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
    }
}
