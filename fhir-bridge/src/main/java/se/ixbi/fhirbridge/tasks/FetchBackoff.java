package se.ixbi.fhirbridge.tasks;

import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client's default back-off grows with every empty fetch, up to a minute: with long polling an empty answer
 * already means the engine waited, so a consent would wait up to a minute for the bridge after an idle spell (seen
 * in the embedded default). This one backs off only when the engine cannot be reached: 0.5 s, doubling, at most 30 s.
 */
@Configuration(proxyBeanMethods = false)
class FetchBackoff {

    @Bean
    BackoffStrategy backOffOnlyOnErrors() {
        return new ExponentialErrorBackoffStrategy(500, 2f, 30_000);
    }
}
