package se.ixbi.fhirserver;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local FHIR server (prefix {@code ixbi.fhir-server}).
 *
 * @param jdbcUrl H2 database the resources live in
 * @param subscriptionPollInterval how often HAPI hands stored resource changes to the subscription matcher: the upper
 *     bound of the delay between a write and its rest-hook notification (HAPI's default is 5 s)
 */
@ConfigurationProperties("ixbi.fhir-server")
record FhirServerProperties(
    @DefaultValue("jdbc:h2:file:./data/fhir-server/fhir") String jdbcUrl,
    @DefaultValue("1s") Duration subscriptionPollInterval) {}
