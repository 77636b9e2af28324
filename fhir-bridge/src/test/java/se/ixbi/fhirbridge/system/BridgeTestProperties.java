package se.ixbi.fhirbridge.system;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A bridge in the test JVM, wired to the shared test system, on a port of its own. */
public final class BridgeTestProperties {

    public static final String SECRET = "test-inbound-secret";
    /** 256 bits, base64: a key of the size production must configure */
    public static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private BridgeTestProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, TestSystem system, String fhirBase, int port,
            Path dir) {
        registry.add("server.port", () -> port);
        // the token server of the credential tests puts Spring Security on the test classpath; the bridge has none
        registry.add("spring.autoconfigure.exclude", () -> String.join(",",
                "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet"
                        + ".OAuth2AuthorizationServerAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet"
                        + ".OAuth2AuthorizationServerJwtAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet"
                        + ".OAuth2ResourceServerAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.security.servlet"
                        + ".ManagementWebSecurityAutoConfiguration"));
        registry.add("ixbi.fhir.base-url", () -> fhirBase);
        registry.add("ixbi.bridge.engine.url", system.engine::baseUrl);
        registry.add("camunda.bpm.client.base-url", () -> system.engine.baseUrl() + "/engine-rest");
        registry.add("camunda.bpm.client.async-response-timeout", () -> 1000);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("bridge")
                + ";INIT=CREATE SCHEMA IF NOT EXISTS FHIR_BRIDGE\\;SET SCHEMA FHIR_BRIDGE");
        registry.add("ixbi.bridge.pseudonym.key", () -> KEY);
        registry.add("ixbi.bridge.inbound.secret", () -> SECRET);
        registry.add("ixbi.bridge.inbound.callback-url", () -> "http://localhost:" + port + "/fhir-events");
        registry.add("ixbi.objects.root", () -> dir.resolve("objects").toString());
        registry.add("ixbi.bridge.tasks.retry-backoff", () -> "PT1S");
        registry.add("ixbi.bridge.tasks.max-retry-backoff", () -> "PT2S");
    }
}
