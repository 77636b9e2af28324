package se.ixbi.fhirserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A real HAPI FHIR R4 JPA server on H2: the stand-in for the hospital's FHIR server when none is configured, and the
 * server the integration tests talk to over HTTP.
 */
// HAPI builds its own entity manager factory (HAPI_PU) and runs its own Quartz schedulers: Boot's would be extras
@SpringBootApplication(exclude = {HibernateJpaAutoConfiguration.class, QuartzAutoConfiguration.class})
@EnableConfigurationProperties(FhirServerProperties.class)
public class FhirServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(FhirServerApplication.class, args);
  }
}
