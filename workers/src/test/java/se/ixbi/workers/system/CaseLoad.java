package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import se.ixbi.workers.demo.DemoRun;
import se.ixbi.workers.scan.ScanSimulator;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;

/**
 * Many cases at once, each driven from registration through QC as people and the beamline drive it: the
 * coordinator registers, the clinician consents and records the biopsy, the operator scans the core in, schedules
 * beamtime, uploads a small simulated scan and reports it; the workers verify, reconstruct and check it.
 */
final class CaseLoad {

    private final DemoRun demo;
    private final ObjectStore store;
    private final Path dir;
    private final ExecutorService drivers;
    private final List<Future<DemoRun.Outcome>> outcomes = new ArrayList<>();
    private final AtomicInteger uploaded = new AtomicInteger();
    private final long started = System.nanoTime();

    private CaseLoad(DemoRun demo, ObjectStore store, Path dir, int drivers) {
        this.demo = demo;
        this.store = store;
        this.dir = dir;
        this.drivers = Executors.newFixedThreadPool(drivers);
    }

    /** Starts {@code cases} cases on {@code drivers} threads (each case waits for people's tasks and the record). */
    static CaseLoad start(DemoRun demo, ObjectStore store, Path dir, int cases, int drivers, Duration timeout) {
        CaseLoad load = new CaseLoad(demo, store, dir, drivers);
        for (int i = 0; i < cases; i++) {
            load.outcomes.add(load.drivers.submit(() -> {
                long deadline = System.nanoTime() + timeout.toNanos();
                DemoRun.CaseAtBeamline c = demo.toUpload(deadline);
                StoredObject raw = uploadScan(store, dir, c, 40, 60, deadline);
                load.uploaded.incrementAndGet();
                demo.notifyUpload(c, store.uri(raw.key()).toString(), raw.sha256(), raw.size());
                return demo.follow(c.caseId(), c.barcode(), deadline);
            }));
        }
        return load;
    }

    /** Waits until this many scans are in the store: the workers are busy with them. */
    void awaitUploads(int count) {
        while (uploaded.get() < count) {
            if (outcomes.stream().anyMatch(Future::isDone) && outcomes.stream().allMatch(Future::isDone)) {
                return;
            }
            EngineProcess.sleep(100);
        }
    }

    /** Every case's outcome; a case that failed fails the caller with its reason. */
    List<DemoRun.Outcome> finish() throws Exception {
        List<DemoRun.Outcome> done = new ArrayList<>();
        try {
            for (Future<DemoRun.Outcome> f : outcomes) {
                done.add(f.get());
            }
        } finally {
            drivers.shutdownNow();
            drivers.awaitTermination(30, TimeUnit.SECONDS);
        }
        return done;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * The beamline's transfer of a simulated scan: the transfer script tries again while the store cannot be
     * reached, as it would for a store that is down for a while.
     */
    static StoredObject uploadScan(ObjectStore store, Path dir, DemoRun.CaseAtBeamline c, int size, int angles,
            long deadline) throws Exception {
        Path scan = dir.resolve(c.caseId() + ".h5");
        ScanSimulator.write(new ScanSimulator.Settings(size, angles, c.energyKev(), c.pixelUm(), c.distanceM(), 0.005,
                20000, 4, 2, 11, 11000), scan);
        try {
            while (true) {
                try {
                    return store.put(c.rawKey("scan.h5"), scan);
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    EngineProcess.sleep(1000);
                }
            }
        } finally {
            Files.deleteIfExists(scan);
        }
    }

    /**
     * Nothing lost and nothing done twice: each case passed QC with no incident; one successful completion of each
     * external task in the engine's history; one dataset record per level; one object set per dataset in the store.
     */
    static void assertEachExactlyOnce(DemoRun demo, ObjectStore store, List<DemoRun.Outcome> outcomes) {
        for (DemoRun.Outcome outcome : outcomes) {
            String caseId = outcome.caseId();
            assertThat(outcome.qcPassed()).as(caseId).isTrue();
            JsonNode details = demo.details(caseId);
            assertThat(details.path("incidents")).as(caseId + " incidents").isEmpty();
            for (String activity : new String[] {"Task_VerifyRawData", "Task_Reconstruct", "Task_QualityControl"}) {
                assertThat(demo.completedBy(caseId, activity)).as(caseId + " " + activity).hasSize(1);
            }
            assertThat(CaseRunsItselfTest.datasets(details, "RAW")).as(caseId).hasSize(1);
            List<JsonNode> volumes = CaseRunsItselfTest.datasets(details, "RECONSTRUCTED");
            assertThat(volumes).as(caseId).hasSize(1);
            String prefix = store.key(URI.create(volumes.get(0).path("uri").asText()));
            // the volume, its manifest, its provenance, its pictures: one set, however often it was attempted
            String folder = prefix.substring(0, prefix.lastIndexOf('/') + 1);
            assertThat(store.list(folder).stream().map(o -> o.key().substring(folder.length()).split("/")[0])
                    .distinct()).as(caseId + " objects under " + folder).hasSize(4);
        }
    }
}
