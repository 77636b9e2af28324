package se.ixbi.workers.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server (the embedded distribution, its own processes) that can be frozen: SIGSTOP to the
 * postmaster and every backend, as a database host that stalls (a storage hiccup, a long GC-like pause of the VM)
 * does, then SIGCONT.
 */
final class PausablePostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path data;

    private PausablePostgres(EmbeddedPostgres postgres, Path data) {
        this.postgres = postgres;
        this.data = data;
    }

    static PausablePostgres start(Path data) throws IOException {
        Files.createDirectories(data);
        // two engine nodes with their pools, the bridge, and the tests' own reads
        return new PausablePostgres(EmbeddedPostgres.builder().setDataDirectory(data)
                .setServerConfig("max_connections", "200").start(), data);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    EmbeddedPostgres server() {
        return postgres;
    }

    /** Freezes the postmaster and every backend; returns how many processes were stopped. */
    int freeze() {
        return signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    private int signal(String signal) {
        List<String> pids = processes();
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pids + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return pids.size();
    }

    /** The postmaster (first line of postmaster.pid) and all its children: the backends and background workers. */
    private List<String> processes() {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("no postmaster.pid in " + data, e);
        }
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException(
                "the postmaster " + postmaster + " is not running"));
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(postmaster));
        handle.descendants().forEach(p -> pids.add(Long.toString(p.pid())));
        return pids;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
