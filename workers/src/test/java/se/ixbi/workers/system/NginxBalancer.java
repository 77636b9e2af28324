package se.ixbi.workers.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx (Debian's package) in front of the engine nodes, as an Ingress or a lab server's proxy stands in front of
 * them: requests spread round robin; a node that refuses connections is passed over, and the request goes to the
 * next one. Its access log records every answer a client got, so a test can count the 5xx.
 */
final class NginxBalancer implements AutoCloseable {

    static final String BINARY = "/usr/sbin/nginx";

    private final Path dir;
    private final int port;
    private Process process;

    private NginxBalancer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Balances over the engines' ports on loopback. */
    static NginxBalancer start(Path dir, List<Integer> upstreams) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's nginx (.ci/run does)");
        }
        Files.createDirectories(dir.resolve("logs"));
        NginxBalancer nginx = new NginxBalancer(dir, EngineProcess.freePort());
        String servers = upstreams.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=3s;")
                .collect(Collectors.joining("\n"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(dir.resolve("nginx.conf"), (root ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                  log_format answers '$status $request_method $uri $upstream_addr $upstream_status $request_time';
                  access_log %1$s/logs/access.log answers;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream engines {
                %2$s
                    keepalive 32;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    client_max_body_size 64m;
                    location / {
                      proxy_pass http://engines;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      # a node that refuses the connection is passed over; a request it already took is not
                      # sent again (it may have done it)
                      proxy_next_upstream error timeout;
                      proxy_connect_timeout 2s;
                      # long polling: a fetch waits up to the client's async-response-timeout
                      proxy_read_timeout 120s;
                    }
                  }
                }
                """.formatted(dir, servers, nginx.port));
        nginx.process = new ProcessBuilder(BINARY, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/nginx.out").toFile()).start();
        nginx.awaitListening();
        return nginx;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Each answer clients got: status, method, path, the node that answered, its status, seconds. */
    List<String> answers() throws IOException {
        Path log = dir.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The answers with a 5xx status, as clients got them. */
    List<String> serverErrors() throws IOException {
        List<String> errors = new ArrayList<>();
        for (String line : answers()) {
            if (line.startsWith("5")) {
                errors.add(line);
            }
        }
        return errors;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: see " + dir.resolve("logs"));
            }
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                EngineProcess.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}
