package se.ixbi.serviceidentity;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node signs in to the engine. The same switch as the engine's: {@code IXBI_IDENTITY_MODE} and
 * {@code IXBI_IDENTITY_ISSUER_URI}.
 *
 * @param mode {@code demo}: the demo account over HTTP Basic; {@code keycloak}: the node's service account
 * @param issuerUri the realm's issuer (Keycloak mode)
 * @param clientId the node's service-account client ({@code ixbi-worker}, {@code ixbi-fhir-bridge})
 * @param clientSecret its secret, from the environment ({@code IXBI_IDENTITY_CLIENT_SECRET}); empty means the realm
 *        export's development secret, accepted only while the issuer is on loopback
 * @param demoAccount the demo user (password = name) of the embedded default
 */
@ConfigurationProperties("ixbi.identity")
record ServiceIdentityProperties(
        @DefaultValue("demo") Mode mode,
        URI issuerUri,
        String clientId,
        String clientSecret,
        String demoAccount) {

    public enum Mode {
        DEMO, KEYCLOAK
    }

    public ServiceIdentityProperties {
        if (mode == Mode.KEYCLOAK && (issuerUri == null || issuerUri.getHost() == null)) {
            throw new IllegalArgumentException("ixbi.identity.mode=keycloak needs ixbi.identity.issuer-uri "
                    + "(IXBI_IDENTITY_ISSUER_URI), e.g. http://localhost:8180/realms/ixbi; it is " + issuerUri);
        }
        if (mode == Mode.KEYCLOAK && (clientId == null || clientId.isBlank())) {
            throw new IllegalArgumentException("ixbi.identity.client-id must name this node's service account");
        }
        if (mode == Mode.DEMO && (demoAccount == null || demoAccount.isBlank())) {
            throw new IllegalArgumentException("ixbi.identity.demo-account must name this node's demo user");
        }
    }

    /** The configured secret, or the realm export's development secret for a Keycloak on this machine. */
    String secret() {
        if (clientSecret != null && !clientSecret.isBlank()) {
            return clientSecret;
        }
        if (!issuerOnLoopback()) {
            throw new IllegalStateException("IXBI_IDENTITY_CLIENT_SECRET must be set: the realm export's development "
                    + "secret of " + clientId + " is accepted only for an issuer on loopback, not " + issuerUri);
        }
        return clientId + "-dev-secret";
    }

    String tokenUri() {
        String issuer = issuerUri.toString();
        return (issuer.endsWith("/") ? issuer : issuer + "/") + "protocol/openid-connect/token";
    }

    private boolean issuerOnLoopback() {
        try {
            return InetAddress.getByName(issuerUri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
