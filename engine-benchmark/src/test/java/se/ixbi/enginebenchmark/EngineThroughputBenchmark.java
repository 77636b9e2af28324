package se.ixbi.enginebenchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of the test suite (its name does not end in Test); run it with
 * {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -pl engine-benchmark test -Dtest=EngineThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.instances=1000 -Dbench.workers=16 -Dbench.only=ixbi-h2
 * -Dbench.jvm=-XX:StartFlightRecording=filename=engine.jfr -Dbench.user=operator]} (the recording lands in each
 * engine's folder; {@code bench.user} is the account the workers use on the project's engine). In one run, on this machine:
 * plain Camunda 7.24 and the project's engine as shipped, each on an H2 file and on PostgreSQL, drained by the same
 * REST client; prints completed tasks per second, fetch-and-lock latency and HTTP 5xx for each.
 */
class EngineThroughputBenchmark {

    /** Kept after the run when {@code -Dbench.dir} names it (for the engines' logs and recordings). */
    @TempDir
    Path temp;
    Path dir;

    @Test
    void plainCamundaBesideTheProjectsEngine() throws Exception {
        dir = System.getProperty("bench.dir") != null ? Path.of(System.getProperty("bench.dir")) : temp;
        int instances = Integer.getInteger("bench.instances", 1000);
        int workers = Integer.getInteger("bench.workers", 16);
        List<RestLoad.Figures> figures = new ArrayList<>();
        if (runs("plain-h2")) {
            try (EngineServer plain = EngineServer.plain(dir.resolve("plain-h2"))) {
                figures.add(measure(plain, "plain Camunda 7.24, H2 file", instances, workers));
            }
        }
        if (runs("ixbi-h2")) {
            try (EngineServer ixbi = EngineServer.ixbi(dir.resolve("ixbi-h2"))) {
                figures.add(measure(ixbi, "IXBI engine as shipped, H2 file", instances, workers));
            }
        }
        if (runs("plain-pg")) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    EngineServer plain = EngineServer.plain(dir.resolve("plain-pg"), database(postgres))) {
                figures.add(measure(plain, "plain Camunda 7.24, PostgreSQL", instances, workers));
            }
        }
        if (runs("ixbi-pg")) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    EngineServer ixbi = EngineServer.ixbi(dir.resolve("ixbi-pg"), database(postgres))) {
                figures.add(measure(ixbi, "IXBI engine as shipped, PostgreSQL", instances, workers));
            }
        }
        System.out.printf("%nengine throughput: %d one-task instances drained by %d workers (fetch one, complete, "
                + "no work between), %d cores%n", instances, workers, Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-38s %9s %14s %14s %8s %8s%n", "engine", "tasks/s", "fetch p50 ms", "fetch p99 ms",
                "HTTP 5xx", "fetches");
        for (RestLoad.Figures f : figures) {
            System.out.printf("  %-38s %9.1f %14.1f %14.1f %8d %8d%n", f.engine(), f.tasksPerSecond(),
                    f.fetchP50Micros() / 1000.0, f.fetchP99Micros() / 1000.0, f.serverErrors(), f.fetches());
            f.firstErrors().forEach(e -> System.out.println("      " + e));
        }
    }

    private static String[] database(EmbeddedPostgres postgres) {
        return new String[] {"--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
            "--spring.datasource.username=postgres", "--spring.datasource.password=postgres"};
    }

    /** {@code -Dbench.only=ixbi-h2,plain-h2} measures only those; all four by default. */
    private static boolean runs(String configuration) {
        String only = System.getProperty("bench.only", "");
        return only.isBlank() || java.util.Arrays.asList(only.split(",")).contains(configuration);
    }

    private static RestLoad.Figures measure(EngineServer engine, String name, int instances, int workers)
            throws Exception {
        RestLoad load = new RestLoad(engine.engineRest());
        load.deploy();
        load.startInstances(instances);
        return load.drain(name, instances, workers);
    }
}
