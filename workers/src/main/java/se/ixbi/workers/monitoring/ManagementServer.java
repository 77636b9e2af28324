package se.ixbi.workers.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The worker node's management port, with the engine's paths: {@code /actuator/health/liveness} and
 * {@code /actuator/health/readiness} open for the orchestrator's probes (ready from the moment the node has
 * subscribed until it begins to stop), {@code /actuator/prometheus} for the metrics scrape account. The JDK's own
 * HTTP server: a worker node needs no servlet stack for three small answers.
 */
@Component
public class ManagementServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

    private final MetricsProperties properties;
    private final PrometheusMeterRegistry registry;
    private final ApplicationAvailability availability;
    private final String password;
    private HttpServer server;

    ManagementServer(MetricsProperties properties, PrometheusMeterRegistry registry,
            ApplicationAvailability availability, @Value("${ixbi.identity.mode:demo}") String identityMode) {
        this.properties = properties;
        this.registry = registry;
        this.availability = availability;
        boolean unset = properties.password() == null || properties.password().isBlank();
        this.password = unset && "demo".equalsIgnoreCase(identityMode) ? properties.username()
                : unset ? "" : properties.password();
    }

    @Override
    public void start() {
        if (properties.port() < 0) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(properties.port()), 16);
        } catch (IOException e) {
            throw new IllegalStateException("the management port " + properties.port() + " cannot be opened ("
                    + e.getMessage() + "); set ixbi.metrics.port (IXBI_METRICS_PORT), or -1 for none", e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ixbi-management");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/actuator/health/liveness", exchange -> health(exchange,
                availability.getLivenessState() == LivenessState.CORRECT));
        server.createContext("/actuator/health/readiness", exchange -> health(exchange,
                availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC));
        server.createContext("/actuator/health", exchange -> health(exchange,
                availability.getLivenessState() == LivenessState.CORRECT));
        server.createContext("/actuator/prometheus", this::scrape).setAuthenticator(new ScrapeAccount());
        server.start();
        if (password.isEmpty()) {
            log.warn("no password for the metrics scrape account (IXBI_METRICS_PASSWORD): /actuator/prometheus "
                    + "refuses every request");
        }
        log.info("management port {}: /actuator/health, /actuator/prometheus", port());
    }

    /** The port it listens on (the configured one, or the one taken for 0), or -1 when off. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, boolean up) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(exchange.getHttpContext().getPath())) {
            answer(exchange, 404, "application/json", "{\"status\":404,\"error\":\"Not Found\"}");
            return;
        }
        answer(exchange, up ? 200 : 503, "application/vnd.spring-boot.actuator.v3+json",
                "{\"status\":\"" + (up ? "UP" : "OUT_OF_SERVICE") + "\"}");
    }

    private void scrape(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Compares in constant time, so that a scraper's guesses learn nothing from how long a refusal takes. */
    private final class ScrapeAccount extends BasicAuthenticator {

        ScrapeAccount() {
            super("IXBI metrics", StandardCharsets.UTF_8);
        }

        /**
         * A browser (it marks every request with {@code Sec-Fetch-Mode}) is refused without the Basic challenge,
         * which would make it pop up its own password dialog; Prometheus and scripts send their credentials
         * unasked, or get the challenge.
         */
        @Override
        public Result authenticate(HttpExchange exchange) {
            Result result = super.authenticate(exchange);
            if (exchange.getRequestHeaders().containsKey("Sec-Fetch-Mode")
                    && !(result instanceof Success)) {
                exchange.getResponseHeaders().remove("WWW-Authenticate");
                return new Failure(401);
            }
            return result;
        }

        @Override
        public boolean checkCredentials(String user, String given) {
            byte[] expected = (properties.username() + ":" + password).getBytes(StandardCharsets.UTF_8);
            return !password.isEmpty()
                    && MessageDigest.isEqual(expected, (user + ":" + given).getBytes(StandardCharsets.UTF_8));
        }
    }
}
