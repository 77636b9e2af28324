package se.ixbi.fhirbridge.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    IGenericClient fhirClient(FhirContext context, FhirServerProperties properties, Clock clock) {
        IRestfulClientFactory factory = context.getRestfulClientFactory();
        factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
        factory.setConnectionRequestTimeout((int) properties.connectTimeout().toMillis());
        factory.setSocketTimeout((int) properties.socketTimeout().toMillis());
        // the capability statement is not needed for writing, and asking for it first doubles the slow first call
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient(properties.baseUrl().toString());
        if (properties.bearerToken() != null && !properties.bearerToken().isBlank()) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(properties.bearerToken()));
        } else if (properties.clientCredentials() != null && properties.clientCredentials().tokenUrl() != null) {
            client.registerInterceptor(new ClientCredentialsInterceptor(properties.clientCredentials(),
                    HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build(), clock));
        }
        return client;
    }
}
