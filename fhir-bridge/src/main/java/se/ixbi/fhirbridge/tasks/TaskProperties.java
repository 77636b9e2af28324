package se.ixbi.fhirbridge.tasks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the bridge takes its external tasks. Retries are generous: a hospital server that is down for a few hours
 * is normal, and every write is idempotent.
 *
 * @param concurrency tasks written at the same time
 * @param lockDuration how long a fetched task is the bridge's
 * @param retries attempts after the first before a failure becomes an incident
 * @param retryBackoff wait before the first retry; doubled for each further one
 * @param maxRetryBackoff longest wait between two attempts
 */
@ConfigurationProperties("ixbi.bridge.tasks")
record TaskProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("PT2M") Duration lockDuration,
        @DefaultValue("12") int retries,
        @DefaultValue("PT10S") Duration retryBackoff,
        @DefaultValue("PT1H") Duration maxRetryBackoff) {

    public TaskProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("ixbi.bridge.tasks.concurrency must be at least 1, was " + concurrency);
        }
    }

    /** Wait before the retry that follows {@code failuresSoFar} failures. */
    Duration backoffAfter(int failuresSoFar) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(20, Math.max(0, failuresSoFar - 1)));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
