package se.ixbi.serviceidentity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The {@code Authorization} header of every request this node sends to the engine: its service account's access
 * token (client credentials, fetched again shortly before it expires) in Keycloak mode, the demo account's
 * HTTP Basic credentials in the embedded default.
 */
public final class EngineAuthorization implements Supplier<String> {

    private static final String REGISTRATION = "engine";

    private final Supplier<String> header;

    public EngineAuthorization(ServiceIdentityProperties identity) {
        this.header = identity.mode() == ServiceIdentityProperties.Mode.KEYCLOAK ? bearer(identity) : basic(identity);
    }

    /** {@code Bearer <token>} or {@code Basic <credentials>}. */
    @Override
    public String get() {
        return header.get();
    }

    private static Supplier<String> basic(ServiceIdentityProperties identity) {
        String account = identity.demoAccount();
        String value = "Basic " + Base64.getEncoder().encodeToString((account + ":" + account)
                .getBytes(StandardCharsets.UTF_8));
        return () -> value;
    }

    private static Supplier<String> bearer(ServiceIdentityProperties identity) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(identity.clientId())
                .clientSecret(identity.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(identity.tokenUri())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        // a token is fetched again when it has less than a minute left
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                .principal(identity.clientId()).build();
        return () -> {
            OAuth2AuthorizedClient client = manager.authorize(request);
            return "Bearer " + client.getAccessToken().getTokenValue();
        };
    }
}
