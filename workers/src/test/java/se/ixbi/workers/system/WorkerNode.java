package se.ixbi.workers.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import se.ixbi.workers.WorkerApplication;
import se.ixbi.workers.storage.S3TestServer;

/**
 * A worker node against a test engine and S3 server: in this JVM (a Spring context, as {@code java -jar} starts
 * it) or in a JVM of its own, which a test can kill like a crashed machine.
 */
final class WorkerNode implements AutoCloseable {

    private ConfigurableApplicationContext context;
    private Process process;

    static Map<String, String> properties(String engineRest, S3TestServer s3, String bucket, Path scratch) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camunda.bpm.client.base-url", engineRest);
        p.put("camunda.bpm.client.async-response-timeout", "1000");
        p.put("ixbi.objects.type", "s3");
        p.put("ixbi.objects.endpoint", s3.endpoint());
        p.put("ixbi.objects.access-key", s3.accessKey());
        p.put("ixbi.objects.secret-key", s3.secretKey());
        p.put("ixbi.objects.bucket", bucket);
        p.put("ixbi.workers.scratch", scratch.toString());
        p.put("ixbi.workers.retry-backoff", "PT1S");
        p.put("ixbi.workers.shutdown-timeout", "PT20S");
        // several nodes in one test: each takes a free management port
        p.put("ixbi.metrics.port", "0");
        return p;
    }

    static WorkerNode inProcess(Map<String, String> properties) {
        WorkerNode node = new WorkerNode();
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        node.context = new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new));
        return node;
    }

    /** The worker in a child JVM on this test's class path, logging to {@code log}. */
    static WorkerNode ownJvm(Map<String, String> properties, Path log) {
        List<String> command = new ArrayList<>(List.of(EngineProcess.javaBinary(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), WorkerApplication.class.getName()));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        WorkerNode node = new WorkerNode();
        try {
            node.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    /** The (in-process) node's management port: health and metrics. */
    int managementPort() {
        return context.getBean(se.ixbi.workers.monitoring.ManagementServer.class).port();
    }

    /** How many tasks this (in-process) node began to work on. */
    int startedTasks() {
        return context.getBean(se.ixbi.workers.runtime.TaskRunner.class).startedTasks();
    }

    /** SIGTERM, as an orchestrator stops a node; waits for the JVM to end and returns its exit code. */
    int terminate() {
        process.destroy();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no unlock, no cleanup; the task's lock must expire. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
        kill();
    }
}
