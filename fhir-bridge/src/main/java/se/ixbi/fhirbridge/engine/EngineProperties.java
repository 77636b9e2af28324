package se.ixbi.fhirbridge.engine;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The IXBI engine, where the bridge reads cases and reports withdrawals; it signs in as its service account
 * ({@code ixbi.identity}, the service-identity module).
 *
 * @param url the engine's base URL, without {@code /api}
 */
@ConfigurationProperties("ixbi.bridge.engine")
record EngineProperties(@DefaultValue("http://localhost:8080") URI url) {
}
