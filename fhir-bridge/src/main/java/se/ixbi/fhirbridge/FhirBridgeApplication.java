package se.ixbi.fhirbridge;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The FHIR bridge: the only part of IXBI that knows who the patient is. It writes the {@code fhir.*} external tasks
 * to the hospital's FHIR R4 server, registers cases from the clinic under a pseudonym, and turns consent revoked in
 * the hospital record into a withdrawal in IXBI.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FhirBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(FhirBridgeApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
