package se.ixbi.serviceidentity;

import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Signs the node's external-task client in to the engine; {@link EngineAuthorization} is there for the node's other
 * calls to the engine.
 */
@AutoConfiguration
@EnableConfigurationProperties(ServiceIdentityProperties.class)
public class ServiceIdentityAutoConfiguration {

    @Bean
    EngineAuthorization engineAuthorization(ServiceIdentityProperties identity) {
        return new EngineAuthorization(identity);
    }

    @Bean
    ClientRequestInterceptor engineSignIn(EngineAuthorization authorization) {
        return request -> request.addHeader("Authorization", authorization.get());
    }
}
