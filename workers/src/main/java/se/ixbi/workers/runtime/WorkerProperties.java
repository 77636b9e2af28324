package se.ixbi.workers.runtime;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this worker node works: which topics it takes (CPU and GPU nodes subscribe to different ones), how many
 * tasks run at once, how long a task stays locked between extensions, and how failures are retried.
 *
 * @param topics topics to subscribe to; empty means every topic this build has a handler for
 * @param concurrency tasks run at the same time on this node
 * @param lockDuration how long a fetched task is locked; running tasks extend it at a third of this
 * @param retries attempts after the first before a failure becomes an incident
 * @param retryBackoff wait before the first retry; doubled for each further one
 * @param maxRetryBackoff longest wait between retries
 * @param shutdownTimeout how long a stopping worker lets running tasks finish before it gives them back
 * @param progressInterval least time between two progress reports of one task
 * @param scratch where tasks download inputs and build outputs before they go to the object store
 */
@ConfigurationProperties("ixbi.workers")
public record WorkerProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("2") int concurrency,
        @DefaultValue("PT5M") Duration lockDuration,
        @DefaultValue("3") int retries,
        @DefaultValue("PT10S") Duration retryBackoff,
        @DefaultValue("PT10M") Duration maxRetryBackoff,
        @DefaultValue("PT2M") Duration shutdownTimeout,
        @DefaultValue("PT2S") Duration progressInterval,
        @DefaultValue("./data/scratch") java.nio.file.Path scratch) {

    public WorkerProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("ixbi.workers.concurrency must be at least 1, was " + concurrency);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("ixbi.workers.retries must not be negative, was " + retries);
        }
    }

    /** Wait before the retry that follows {@code failuresSoFar} failures: back-off doubling up to the maximum. */
    public Duration backoffAfter(int failuresSoFar) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(20, Math.max(0, failuresSoFar - 1)));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
