package se.ixbi.workers.system;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.S3ObjectStore;
import se.ixbi.workers.storage.S3TestServer;

/**
 * The system on loopback for a test class: an S3 server with one bucket, the engine's jar in its own JVM, and the
 * clinical record's side (the FHIR bridge's jar, and the local FHIR server shared by the test JVM).
 */
final class LoopbackSystem implements AutoCloseable {

    static final Map<String, String> DEMO_USERS = Map.of("coordinator", "coordinator", "clinician", "clinician",
            "operator", "operator");

    private final List<String> identity;
    private final Function<String, String> signIn;
    final S3TestServer s3;
    final ObjectStore store;
    final EngineProcess engine;
    final ClinicalRecordServers.JarProcess bridge;
    private final String bucket;
    private final Path dir;

    private LoopbackSystem(Path dir, String bucket, List<String> identity, Function<String, String> signIn,
            String... engineArgs) {
        this.dir = dir;
        this.bucket = bucket;
        this.identity = identity;
        this.signIn = signIn;
        this.s3 = S3TestServer.start();
        this.store = new S3ObjectStore(s3.client(), bucket);
        EngineProcess started = null;
        try {
            // the FHIR server starts slowly: it is asked for first, and started beside the engine
            Thread fhir = new Thread(ClinicalRecordServers::fhirBase, "fhir-server-start");
            fhir.start();
            List<String> args = new ArrayList<>(identity);
            // the engine reads the pictures the workers store, for the console
            args.addAll(List.of("--ixbi.objects.endpoint=" + s3.endpoint(), "--ixbi.objects.access-key="
                    + s3.accessKey(), "--ixbi.objects.secret-key=" + s3.secretKey()));
            args.addAll(List.of(engineArgs));
            started = EngineProcess.start(dir.resolve("engine"), args.toArray(String[]::new));
            fhir.join();
            this.bridge = ClinicalRecordServers.bridge(dir.resolve("fhir-bridge"), started, s3.endpoint(),
                    s3.accessKey(), s3.secretKey(), identity);
        } catch (RuntimeException | InterruptedException e) {
            if (started != null) {
                started.close();
            }
            s3.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        this.engine = started;
    }

    /** The local FHIR server's base URL, where the bridge writes the clinical record. */
    String fhirBase() {
        return ClinicalRecordServers.fhirBase();
    }

    static LoopbackSystem start(Path dir, String bucket, String... engineArgs) {
        return new LoopbackSystem(dir, bucket, List.of(), DemoRun.passwords(DEMO_USERS), engineArgs);
    }

    /**
     * The system in Keycloak mode: engine, bridge and worker nodes sign in to the realm at {@code issuer}, people
     * with the password grant of the development client, services with their client credentials.
     */
    static LoopbackSystem startWithKeycloak(Path dir, String bucket, String issuer) {
        return new LoopbackSystem(dir, bucket, List.of("--ixbi.identity.mode=keycloak",
                "--ixbi.identity.issuer-uri=" + issuer), DemoRun.keycloak(issuer, Map.of("coordinator", "coordinator",
                "clinician", "clinician", "operator", "operator")));
    }

    /** A worker node's properties against this system, with its own scratch folder and worker id. */
    Map<String, String> worker(String name, String... overrides) {
        Map<String, String> p = new LinkedHashMap<>(WorkerNode.properties(engine.engineRest(), s3, bucket,
                dir.resolve("scratch-" + name)));
        p.put("camunda.bpm.client.worker-id", name);
        for (String argument : identity) {
            String[] property = argument.substring(2).split("=", 2);
            p.put(property[0], property[1]);
        }
        for (int i = 0; i < overrides.length; i += 2) {
            p.put(overrides[i], overrides[i + 1]);
        }
        return p;
    }

    /** A person's access token, signed in again (password = name) a minute before the five-minute token expires. */
    DemoRun demo(int size, int angles, PrintStream out, Duration timeout) {
        return new DemoRun(engine.baseUrl(), signIn, store, dir, out, size, angles, timeout);
    }

    @Override
    public void close() {
        try {
            bridge.close();
            engine.close();
        } finally {
            s3.close();
        }
    }
}
