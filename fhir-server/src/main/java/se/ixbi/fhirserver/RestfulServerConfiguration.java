package se.ixbi.fhirserver;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR REST endpoint at {@code /fhir}: HAPI's resource providers over the JPA DAOs. */
@Configuration(proxyBeanMethods = false)
class RestfulServerConfiguration {

  @Bean
  RestfulServer restfulServer(
      IFhirSystemDao<?, ?> systemDao,
      ResourceProviderFactory resourceProviders,
      IJpaSystemProvider systemProvider,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider) {
    RestfulServer server = new RestfulServer(systemDao.getContext());
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    // the JPA flavour lists the search parameters the server indexes (custom ones included), not just the built-in set
    JpaCapabilityStatementProvider capabilities =
        new JpaCapabilityStatementProvider(
            server, systemDao, storageSettings, searchParamRegistry, validationSupport);
    capabilities.setImplementationDescription("IXBI local FHIR server");
    server.setServerConformanceProvider(capabilities);
    server.setPagingProvider(pagingProvider);
    return server;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(restfulServer, "/fhir/*");
    // initialise on start, so the first client request does not pay for building the server's model
    registration.setLoadOnStartup(1);
    return registration;
  }
}
