package se.ixbi.workers.system;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.S3ObjectStore;
import se.ixbi.workers.storage.S3TestServer;

/**
 * What the deployment starts, as separate processes on this machine: a PostgreSQL server, two engine nodes from
 * the jar sharing it, nginx in front of them, an S3 server, the FHIR bridge, and three worker nodes, each in a JVM
 * of its own. Workers, bridge and people reach the engines through nginx only, as through an Ingress.
 */
final class ClusterOnLoopback implements AutoCloseable {

    /** The locks of external tasks and jobs: how long a task held by a dead node waits for another one. */
    static final String LOCK = "PT30S";
    static final int WORKERS = 3;

    final Path dir;
    final PausablePostgres postgres;
    final S3TestServer s3;
    final ObjectStore store;
    final List<EngineProcess> engines = new ArrayList<>();
    final NginxBalancer proxy;
    final ClinicalRecordServers.JarProcess bridge;
    private final WorkerNode[] workers = new WorkerNode[WORKERS];
    private final String bucket;

    private ClusterOnLoopback(Path dir, String bucket) throws IOException {
        this.dir = dir;
        this.bucket = bucket;
        Thread fhir = new Thread(ClinicalRecordServers::fhirBase, "fhir-server-start");
        fhir.start();
        postgres = PausablePostgres.start(dir.resolve("postgres"));
        s3 = S3TestServer.onDisk(dir.resolve("s3"));
        store = new S3ObjectStore(s3.client(), bucket);
        // one after the other: the first creates the engine's tables
        engines.add(EngineProcess.start(dir.resolve("engine-a"), engineArgs()));
        engines.add(EngineProcess.start(dir.resolve("engine-b"), engineArgs()));
        proxy = NginxBalancer.start(dir.resolve("nginx"), engines.stream().map(EngineProcess::port).toList());
        try {
            fhir.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        bridge = ClinicalRecordServers.bridge(dir.resolve("fhir-bridge"), proxy.baseUrl(), s3.endpoint(),
                s3.accessKey(), s3.secretKey(), List.of());
        for (int i = 0; i < WORKERS; i++) {
            startWorker(i);
        }
    }

    static ClusterOnLoopback start(Path dir, String bucket) throws IOException {
        return new ClusterOnLoopback(dir, bucket);
    }

    private String[] engineArgs() {
        return new String[] {"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            "--ixbi.objects.endpoint=" + s3.endpoint(), "--ixbi.objects.access-key=" + s3.accessKey(),
            "--ixbi.objects.secret-key=" + s3.secretKey(),
            // a job locked by a node that died waits this long for another node
            "--camunda.bpm.job-execution.lock-time-in-millis=" + Duration.parse(LOCK).toMillis()};
    }

    /** Worker node {@code i} (again), in its own JVM, logging to {@code worker-i.log}. */
    WorkerNode startWorker(int i) {
        Map<String, String> p = new LinkedHashMap<>(WorkerNode.properties(proxy.baseUrl() + "/engine-rest", s3, bucket,
                dir.resolve("scratch-" + i)));
        p.put("camunda.bpm.client.worker-id", "node-" + i);
        p.put("ixbi.workers.lock-duration", LOCK);
        // as shipped: three retries, 10 s doubling, so that a store down for half a minute is ridden through
        p.put("ixbi.workers.retry-backoff", "PT10S");
        workers[i] = WorkerNode.ownJvm(p, dir.resolve("worker-" + i + ".log"));
        return workers[i];
    }

    WorkerNode worker(int i) {
        return workers[i];
    }

    /** A person's client through the proxy, as the users of the cluster reach it. */
    DemoRun demo(int size, int angles, PrintStream out, Duration timeout) {
        return new DemoRun(proxy.baseUrl(), DemoRun.passwords(LoopbackSystem.DEMO_USERS), store, dir, out, size,
                angles, timeout);
    }

    @Override
    public void close() throws IOException {
        try {
            for (WorkerNode w : workers) {
                if (w != null) {
                    w.close();
                }
            }
            if (bridge != null) {
                bridge.close();
            }
            for (EngineProcess e : engines) {
                e.close();
            }
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            s3.close();
            postgres.close();
        }
    }
}
