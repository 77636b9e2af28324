package se.ixbi.workers.runtime;

import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client's default back-off grows whenever a fetch comes back empty, up to a minute. With long polling an
 * empty answer already means the engine waited, so that back-off only delays the next task (15 s measured after an
 * idle spell). This one backs off only when the engine cannot be reached: 0.5 s, doubling, at most 30 s.
 */
@Configuration(proxyBeanMethods = false)
class FetchBackoff {

    @Bean
    BackoffStrategy backOffOnlyOnErrors() {
        return new ExponentialErrorBackoffStrategy(500, 2f, 30_000);
    }
}
