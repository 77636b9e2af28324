package se.ixbi.fhirbridge.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import se.ixbi.testservers.SharedFhirServer;

/**
 * The hospital's FHIR server (a real HAPI JPA server, {@code fhir-server/target/ixbi-fhir-server.jar}, shared by
 * the whole Maven run) and the IXBI engine ({@code processes/target/ixbi-processes.jar}, started once per test JVM
 * and stopped when it ends), each in its own JVM: the heavy servers are shared by every test class of the module.
 */
public final class TestSystem {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static TestSystem instance;

    public final ServerProcess engine;
    public final Path dir;

    private TestSystem(Path dir) {
        this.dir = dir;
        engine = new ServerProcess("engine", ROOT.resolve("processes/target/ixbi-processes.jar"),
                dir.resolve("engine"), "/actuator/health", "768m",
                List.of("--camunda.bpm.job-execution.wait-time-in-millis=200")).start();
        SharedFhirServer.base();
        engine.awaitHealthy(Duration.ofMinutes(3));
    }

    public static synchronized TestSystem get() {
        if (instance == null) {
            try {
                instance = new TestSystem(Files.createTempDirectory("ixbi-bridge-system"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance.engine::close));
        }
        return instance;
    }

    public String fhirBase() {
        return SharedFhirServer.base();
    }
}
