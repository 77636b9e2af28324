package se.ixbi.processes;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.ixbi.testservers.SharedKeycloak;

/**
 * The whole application in Keycloak mode against the real Keycloak that the test run shares (the realm export of
 * {@code deploy/keycloak}); one context for all the classes that extend this. They run in a JVM of their own (the
 * {@code keycloak-mode} tag, a surefire execution of its own): Camunda keeps its engines by name ({@code default})
 * in a JVM-wide registry, where the two modes' engines would answer for each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(CaseDriver.class)
@Tag("keycloak-mode")
public abstract class KeycloakModeTest {

    @DynamicPropertySource
    static void keycloakMode(DynamicPropertyRegistry properties) {
        properties.add("ixbi.identity.mode", () -> "keycloak");
        properties.add("ixbi.identity.issuer-uri", SharedKeycloak::issuer);
        // expiry tests use tokens of a few seconds
        properties.add("ixbi.identity.clock-skew", () -> "0s");
    }
}
