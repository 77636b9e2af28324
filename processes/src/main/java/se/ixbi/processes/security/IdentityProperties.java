package se.ixbi.processes.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in, and how: {@code demo} (the embedded default: demo users in the engine, HTTP Basic) or
 * {@code keycloak} (OIDC sign-in for people, bearer JWTs for APIs, users and groups from the realm).
 *
 * @param mode the switch ({@code IXBI_IDENTITY_MODE})
 * @param issuerUri the realm's issuer, e.g. {@code https://id.example.org/realms/ixbi}
 *        ({@code IXBI_IDENTITY_ISSUER_URI}); tokens must name exactly this issuer
 * @param audience the client every bearer token must be meant for
 * @param clockSkew how far past its expiry a token is still accepted (clocks drift between hosts)
 * @param webClientId the confidential client that signs people in to the webapps and the console
 * @param webClientSecret its secret ({@code IXBI_IDENTITY_WEB_CLIENT_SECRET})
 * @param directoryClientId the client through which the engine reads users and groups (Tasklist, Admin)
 * @param directoryClientSecret its secret ({@code IXBI_IDENTITY_DIRECTORY_CLIENT_SECRET})
 */
@ConfigurationProperties("ixbi.identity")
record IdentityProperties(
        @DefaultValue("demo") Mode mode,
        URI issuerUri,
        @DefaultValue("ixbi-api") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("ixbi-web") String webClientId,
        String webClientSecret,
        @DefaultValue("ixbi-identity") String directoryClientId,
        String directoryClientSecret) {

    enum Mode {
        DEMO, KEYCLOAK
    }

    IdentityProperties {
        if (mode == Mode.KEYCLOAK && (issuerUri == null || issuerUri.getHost() == null)) {
            throw new IllegalArgumentException("ixbi.identity.mode=keycloak needs ixbi.identity.issuer-uri "
                    + "(IXBI_IDENTITY_ISSUER_URI), e.g. http://localhost:8180/realms/ixbi; it is " + issuerUri);
        }
    }

    String webSecret() {
        return secret(webClientId, webClientSecret, "IXBI_IDENTITY_WEB_CLIENT_SECRET");
    }

    String directorySecret() {
        return secret(directoryClientId, directoryClientSecret, "IXBI_IDENTITY_DIRECTORY_CLIENT_SECRET");
    }

    /** The configured secret, or the realm export's development secret for a Keycloak on this machine. */
    private String secret(String clientId, String configured, String variable) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (!issuerOnLoopback()) {
            throw new IllegalStateException(variable + " must be set: the realm export's development secret of "
                    + clientId + " is accepted only for an issuer on loopback, not " + issuerUri);
        }
        return clientId + "-dev-secret";
    }

    private boolean issuerOnLoopback() {
        try {
            return InetAddress.getByName(issuerUri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
