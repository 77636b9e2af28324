package se.ixbi.workers.system;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.S3ObjectStore;
import se.ixbi.workers.storage.S3TestServer;

/** The system on loopback for a test class: an S3 server with one bucket and the engine's jar in its own JVM. */
final class LoopbackSystem implements AutoCloseable {

    static final Map<String, String> DEMO_USERS = Map.of("coordinator", "coordinator", "clinician", "clinician",
            "operator", "operator");

    final S3TestServer s3;
    final ObjectStore store;
    final EngineProcess engine;
    private final String bucket;
    private final Path dir;

    private LoopbackSystem(Path dir, String bucket, String... engineArgs) {
        this.dir = dir;
        this.bucket = bucket;
        this.s3 = S3TestServer.start();
        this.store = new S3ObjectStore(s3.client(), bucket);
        EngineProcess started;
        try {
            started = EngineProcess.start(dir.resolve("engine"), engineArgs);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        this.engine = started;
    }

    static LoopbackSystem start(Path dir, String bucket, String... engineArgs) {
        return new LoopbackSystem(dir, bucket, engineArgs);
    }

    /** A worker node's properties against this system, with its own scratch folder and worker id. */
    Map<String, String> worker(String name, String... overrides) {
        Map<String, String> p = new LinkedHashMap<>(WorkerNode.properties(engine.engineRest(), s3, bucket,
                dir.resolve("scratch-" + name)));
        p.put("camunda.bpm.client.worker-id", name);
        for (int i = 0; i < overrides.length; i += 2) {
            p.put(overrides[i], overrides[i + 1]);
        }
        return p;
    }

    DemoRun demo(int size, int angles, PrintStream out, Duration timeout) {
        return new DemoRun(engine.baseUrl(), DEMO_USERS, store, dir, out, size, angles, timeout);
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            s3.close();
        }
    }
}
