package se.ixbi.fhirbridge.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import se.ixbi.fhirbridge.system.FaultyHospital;
import se.ixbi.fhirbridge.system.TokenServer;

/**
 * The bridge at a hospital whose FHIR server lets in only holders of a valid access token, issued by the hospital's
 * OAuth2 server (Spring Authorization Server on loopback, signed JWTs checked against its published keys): the
 * bridge fetches its own token with client credentials, keeps it while it is good, replaces it when it expires or is
 * refused, and its secret goes nowhere but to the token endpoint.
 */
class HospitalCredentialsTest {

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(5);
    static final TokenServer TOKENS = new TokenServer(TOKEN_LIFETIME).start();
    static final FaultyHospital HOSPITAL = new FaultyHospital().start();
    static final JwtDecoder DECODER = TOKENS.decoder();
    static final Set<String> REVOKED = new CopyOnWriteArraySet<>();

    static {
        HOSPITAL.requireTokens(token -> {
            if (REVOKED.contains(token)) {
                throw new IllegalArgumentException("revoked");
            }
            Jwt jwt = DECODER.decode(token);
            if (!jwt.getClaimAsStringList("scope").contains(TokenServer.SCOPE)) {
                throw new IllegalArgumentException("the token does not grant " + TokenServer.SCOPE);
            }
            return jwt.getSubject();
        });
    }

    @AfterAll
    static void stop() {
        HOSPITAL.close();
        TOKENS.close();
    }

    @BeforeEach
    void accept() {
        HOSPITAL.mode(FaultyHospital.Mode.ACCEPT);
    }

    @Test
    void theBridgeFetchesItsOwnTokenKeepsItWhileItIsGoodAndFetchesAnotherWhenItExpires() throws Exception {
        ClinicalRecord record = record(credentials(TokenServer.CLIENT_SECRET));
        int before = TOKENS.issued();
        int seen = HOSPITAL.holders().size();

        for (int i = 0; i < 3; i++) {
            assertThat(record.transact(OnePatient.transaction(), "the test patient")).hasSize(1);
        }
        assertThat(TOKENS.issued() - before).as("one token for three requests").isEqualTo(1);
        assertThat(HOSPITAL.holders().subList(seen, seen + 3)).containsOnly(TokenServer.CLIENT_ID);

        Thread.sleep(TOKEN_LIFETIME.toMillis());
        assertThat(record.transact(OnePatient.transaction(), "the test patient")).hasSize(1);
        assertThat(TOKENS.issued() - before).as("a new token once the first expired").isEqualTo(2);
        assertThat(HOSPITAL.authorizations()).noneMatch(a -> a.contains(TokenServer.CLIENT_SECRET));
    }

    @Test
    void aTokenTheServerRefusesIsReplacedAtTheNextAttempt() {
        ClinicalRecord record = record(credentials(TokenServer.CLIENT_SECRET));
        record.transact(OnePatient.transaction(), "the test patient");
        List<String> sent = HOSPITAL.authorizations();
        REVOKED.add(sent.get(sent.size() - 1).substring("Bearer ".length()));
        int before = TOKENS.issued();

        assertThatThrownBy(() -> record.transact(OnePatient.transaction(), "the test patient"))
                .isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("the access token was refused: revoked");
        assertThat(record.transact(OnePatient.transaction(), "the test patient")).hasSize(1);
        assertThat(TOKENS.issued() - before).isEqualTo(1);
    }

    @Test
    void aWrongSecretIsRetriedWithTheTokenEndpointsReasonAndNothingReachesTheServer() {
        int requests = HOSPITAL.requests();
        ClinicalRecord record = record(credentials("a secret that was rotated"));

        assertThatThrownBy(() -> record.transact(OnePatient.transaction(), "the test patient"))
                .isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("answered 401 for client " + TokenServer.CLIENT_ID)
                .hasMessageContaining("invalid_client");
        assertThat(HOSPITAL.requests()).isEqualTo(requests);
    }

    @Test
    void aFixedBearerTokenIsSentAsItIs() throws Exception {
        String token = fetchToken();
        ClinicalRecord record = record(new FhirServerProperties(URI.create(HOSPITAL.base()), token, null,
                Duration.ofSeconds(5), Duration.ofSeconds(10)));

        assertThat(record.transact(OnePatient.transaction(), "the test patient")).hasSize(1);
        List<String> sent = HOSPITAL.authorizations();
        assertThat(sent.get(sent.size() - 1)).isEqualTo("Bearer " + token);
    }

    @Test
    void withoutCredentialsTheServersRefusalIsRetriedWithItsMessage() {
        ClinicalRecord record = record(new FhirServerProperties(URI.create(HOSPITAL.base()), null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(10)));

        assertThatThrownBy(() -> record.transact(OnePatient.transaction(), "the test patient"))
                .isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("this server requires a bearer token");
    }

    private static FhirServerProperties credentials(String secret) {
        return new FhirServerProperties(URI.create(HOSPITAL.base()), null, new FhirServerProperties.ClientCredentials(
                TOKENS.tokenUrl(), TokenServer.CLIENT_ID, secret, TokenServer.SCOPE),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The bridge's client as the application builds it from its properties. */
    private static ClinicalRecord record(FhirServerProperties properties) {
        return new ClinicalRecord(new FhirConfiguration().fhirClient(FhirContext.forR4(), properties,
                Clock.systemUTC()));
    }

    /** A token as a site administrator fetches one for a fixed-token setup. */
    private static String fetchToken() throws Exception {
        String basic = Base64.getEncoder().encodeToString((TokenServer.CLIENT_ID + ":" + TokenServer.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(TOKENS.tokenUrl())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=system/*.write"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body()).path("access_token").asText();
    }
}
