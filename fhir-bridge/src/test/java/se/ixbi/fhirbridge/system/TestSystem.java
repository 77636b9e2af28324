package se.ixbi.fhirbridge.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The hospital's FHIR server (a real HAPI JPA server, {@code fhir-server/target/ixbi-fhir-server.jar}) and the IXBI
 * engine ({@code processes/target/ixbi-processes.jar}), each in its own JVM, started together once per test JVM
 * and stopped when it ends: the heavy servers are shared by every test class of the module.
 */
public final class TestSystem {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static TestSystem instance;

    public final ServerProcess fhir;
    public final ServerProcess engine;
    public final Path dir;

    private TestSystem(Path dir) {
        this.dir = dir;
        fhir = new ServerProcess("fhir-server", ROOT.resolve("fhir-server/target/ixbi-fhir-server.jar"),
                dir.resolve("fhir-server"), "/fhir/metadata", "768m",
                List.of("--ixbi.fhir-server.jdbc-url=jdbc:h2:file:" + dir.resolve("fhir-server/db/fhir"))).start();
        engine = new ServerProcess("engine", ROOT.resolve("processes/target/ixbi-processes.jar"),
                dir.resolve("engine"), "/actuator/health", "768m",
                List.of("--camunda.bpm.job-execution.wait-time-in-millis=200")).start();
        fhir.awaitHealthy(Duration.ofMinutes(4));
        engine.awaitHealthy(Duration.ofMinutes(3));
    }

    public static synchronized TestSystem get() {
        if (instance == null) {
            try {
                instance = new TestSystem(Files.createTempDirectory("ixbi-bridge-system"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.engine.close();
                instance.fhir.close();
            }));
        }
        return instance;
    }

    public String fhirBase() {
        return fhir.baseUrl() + "/fhir";
    }
}
