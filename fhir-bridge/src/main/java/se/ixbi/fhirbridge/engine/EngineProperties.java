package se.ixbi.fhirbridge.engine;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The IXBI engine, and the bridge's service account there (it reads cases and reports withdrawals).
 *
 * @param url the engine's base URL, without {@code /api}
 * @param username the bridge's account; {@code fhir-bridge} is the embedded default's demo account
 * @param password its password, from the environment in production
 */
@ConfigurationProperties("ixbi.bridge.engine")
public record EngineProperties(
        @DefaultValue("http://localhost:8080") URI url,
        @DefaultValue("fhir-bridge") String username,
        @DefaultValue("fhir-bridge") String password) {

    @Override
    public String toString() {
        return "EngineProperties[url=" + url + ", username=" + username + ", password=***]";
    }
}
