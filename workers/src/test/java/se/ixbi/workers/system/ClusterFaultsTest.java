package se.ixbi.workers.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.demo.DemoRun;

/**
 * The cluster on loopback under load, one fault at a time ({@link ClusterOnLoopback}): 50 cases driven through QC
 * while an engine node is killed and restarted, a worker node is killed, PostgreSQL freezes for 10 s, or the store
 * is down for 30 s. After each: every case finished, nothing lost, nothing done twice, no incident, and no client
 * got a 5xx where the fault did not make one unavoidable.
 */
class ClusterFaultsTest {

    static final int CASES = Integer.getInteger("ixbi.cluster.cases", 50);

    @TempDir
    static Path dir;

    static ClusterOnLoopback cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterOnLoopback.start(dir, "ixbi-cluster");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static CaseLoad load(ByteArrayOutputStream log) {
        DemoRun demo = cluster.demo(40, 60, new PrintStream(log, true), Duration.ofMinutes(6));
        return CaseLoad.start(demo, cluster.store, dir, CASES, 16, Duration.ofMinutes(6));
    }

    private static List<DemoRun.Outcome> finish(CaseLoad load, ByteArrayOutputStream log, String fault,
            int answersBefore) throws Exception {
        List<DemoRun.Outcome> outcomes;
        try {
            outcomes = load.finish();
        } catch (Exception e) {
            throw new AssertionError(fault + ": " + e.getMessage() + "\n" + tail(log), e);
        }
        List<String> answers = cluster.proxy.answers();
        answers = answers.subList(answersBefore, answers.size());
        Map<String, Long> byNode = answers.stream().map(a -> a.split(" ")[3]).collect(Collectors.groupingBy(
                node -> node, java.util.TreeMap::new, Collectors.counting()));
        long errors = answers.stream().filter(a -> a.startsWith("5")).count();
        System.out.printf("cluster, %s: %d cases from registration to QC in %.1f s (%.1f cases/min); %d requests "
                + "through the proxy, by node %s, %d answered 5xx%n", fault, outcomes.size(), load.seconds(),
                outcomes.size() * 60 / load.seconds(), answers.size(), byNode, errors);
        // the proxy spread the requests over both engine nodes
        for (EngineProcess engine : cluster.engines) {
            assertThat(byNode.getOrDefault("127.0.0.1:" + engine.port(), 0L)).as(fault).isGreaterThan(100);
        }
        CaseLoad.assertEachExactlyOnce(cluster.demo(40, 60, new PrintStream(log, true), Duration.ofMinutes(1)),
                cluster.store, outcomes);
        return outcomes;
    }

    private static String tail(ByteArrayOutputStream log) {
        String text = log.toString();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    @Test
    void anEngineNodeKilledAndRestartedUnderLoad() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int errorsBefore = cluster.proxy.serverErrors().size();
        int answersBefore = cluster.proxy.answers().size();
        CaseLoad load = load(log);
        load.awaitUploads(CASES / 4);
        EngineProcess a = cluster.engines.get(0);
        a.stop(true);
        EngineProcess.sleep(3000);
        a.start();

        finish(load, log, "engine node killed", answersBefore);
        // only requests that node was answering when it died could fail; the clients sent them again
        List<String> errors = cluster.proxy.serverErrors();
        assertThat(errors.subList(errorsBefore, errors.size())).allMatch(l -> l.startsWith("502 "));
    }

    @Test
    void aWorkerNodeKilledUnderLoad() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int errorsBefore = cluster.proxy.serverErrors().size();
        int answersBefore = cluster.proxy.answers().size();
        CaseLoad load = load(log);
        load.awaitUploads(CASES / 4);
        cluster.worker(0).kill();

        finish(load, log, "worker node killed", answersBefore);
        assertThat(cluster.proxy.serverErrors()).hasSize(errorsBefore);
        cluster.startWorker(0);
    }

    @Test
    void postgresFrozenForTenSecondsUnderLoad() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int errorsBefore = cluster.proxy.serverErrors().size();
        int answersBefore = cluster.proxy.answers().size();
        CaseLoad load = load(log);
        load.awaitUploads(CASES / 4);
        int frozen = cluster.postgres.freeze();
        try {
            EngineProcess.sleep(10_000);
        } finally {
            cluster.postgres.thaw();
        }
        assertThat(frozen).as("postmaster and backends").isGreaterThan(3);

        finish(load, log, "PostgreSQL frozen 10 s", answersBefore);
        assertThat(cluster.proxy.serverErrors()).hasSize(errorsBefore);
    }

    @Test
    void theStoreDownForThirtySecondsUnderLoad() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int errorsBefore = cluster.proxy.serverErrors().size();
        int answersBefore = cluster.proxy.answers().size();
        CaseLoad load = load(log);
        load.awaitUploads(CASES / 4);
        cluster.s3.down();
        try {
            EngineProcess.sleep(30_000);
        } finally {
            cluster.s3.up();
        }

        finish(load, log, "S3 down 30 s", answersBefore);
        assertThat(cluster.proxy.serverErrors()).hasSize(errorsBefore);
    }
}
