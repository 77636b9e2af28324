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
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.instances=1000 -Dbench.workers=16]}. In one run, on this machine:
 * plain Camunda 7.24 and the project's engine as shipped, each on an H2 file and on PostgreSQL, drained by the same
 * REST client; prints completed tasks per second, fetch-and-lock latency and HTTP 5xx for each.
 */
class EngineThroughputBenchmark {

    @TempDir
    Path dir;

    @Test
    void plainCamundaBesideTheProjectsEngine() throws Exception {
        int instances = Integer.getInteger("bench.instances", 1000);
        int workers = Integer.getInteger("bench.workers", 16);
        List<RestLoad.Figures> figures = new ArrayList<>();
        try (EngineServer plain = EngineServer.plain(dir.resolve("plain-h2"))) {
            figures.add(measure(plain, "plain Camunda 7.24, H2 file", instances, workers));
        }
        try (EngineServer ixbi = EngineServer.ixbi(dir.resolve("ixbi-h2"))) {
            figures.add(measure(ixbi, "IXBI engine as shipped, H2 file", instances, workers));
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            try (EngineServer plain = EngineServer.plain(dir.resolve("plain-pg"), url,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres")) {
                figures.add(measure(plain, "plain Camunda 7.24, PostgreSQL", instances, workers));
            }
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            try (EngineServer ixbi = EngineServer.ixbi(dir.resolve("ixbi-pg"), url,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres")) {
                figures.add(measure(ixbi, "IXBI engine as shipped, PostgreSQL", instances, workers));
            }
        }
        System.out.printf("%nengine throughput: %d one-task instances drained by %d workers (fetch one, complete, "
                + "no work between), %d cores%n", instances, workers, Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-38s %9s %14s %14s %8s%n", "engine", "tasks/s", "fetch p50 ms", "fetch p99 ms",
                "HTTP 5xx");
        for (RestLoad.Figures f : figures) {
            System.out.printf("  %-38s %9.1f %14.1f %14.1f %8d%n", f.engine(), f.tasksPerSecond(),
                    f.fetchP50Micros() / 1000.0, f.fetchP99Micros() / 1000.0, f.serverErrors());
            f.firstErrors().forEach(e -> System.out.println("      " + e));
        }
    }

    private static RestLoad.Figures measure(EngineServer engine, String name, int instances, int workers)
            throws Exception {
        RestLoad load = new RestLoad(engine.engineRest());
        load.deploy();
        load.startInstances(instances);
        return load.drain(name, instances, workers);
    }
}
