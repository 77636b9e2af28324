package se.ixbi.workers.monitoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node's management port: health for the orchestrator's probes, metrics for Prometheus.
 *
 * @param port where it listens ({@code IXBI_METRICS_PORT}); 0 takes a free one, -1 turns it off
 * @param username the metrics scrape account, the same as the engine's ({@code ixbi.metrics.username} there)
 * @param password its password ({@code IXBI_METRICS_PASSWORD}); unset, the demo identity mode takes the user
 *        name, as the engine's demo mode does, and the Keycloak mode refuses every scrape
 */
@ConfigurationProperties("ixbi.metrics")
record MetricsProperties(
        @DefaultValue("8081") int port,
        @DefaultValue("prometheus") String username,
        String password) {
}
