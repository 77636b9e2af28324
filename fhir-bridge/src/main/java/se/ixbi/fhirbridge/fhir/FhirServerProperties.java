package se.ixbi.fhirbridge.fhir;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hospital's FHIR R4 server and how to reach it. {@code IXBI_FHIR_BASE_URL} sets the base URL.
 *
 * @param baseUrl the server's base, e.g. {@code https://fhir.hospital.example/fhir}
 * @param bearerToken a fixed access token, if the server takes one
 * @param clientCredentials an OAuth2 client that fetches and refreshes its own tokens instead
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for an answer; a HAPI server's first answer takes about 10 s while it loads
 *     its definitions, so this stays well above that
 */
@ConfigurationProperties("ixbi.fhir")
public record FhirServerProperties(
        @DefaultValue("http://localhost:8091/fhir") URI baseUrl,
        String bearerToken,
        ClientCredentials clientCredentials,
        @DefaultValue("PT10S") Duration connectTimeout,
        @DefaultValue("PT60S") Duration socketTimeout) {

    /**
     * OAuth2 client credentials grant: the token endpoint, the bridge's client and its secret (from the environment:
     * {@code IXBI_FHIR_CLIENTCREDENTIALS_CLIENTSECRET}), and the scope to ask for, if the server wants one (SMART
     * backend services: {@code system/*.write}).
     */
    public record ClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope) {

        @Override
        public String toString() {
            return "ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***, scope="
                    + scope + "]";
        }
    }

    @Override
    public String toString() {
        return "FhirServerProperties[baseUrl=" + baseUrl + ", bearerToken=" + (bearerToken == null ? null : "***")
                + ", clientCredentials=" + clientCredentials + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + "]";
    }
}
