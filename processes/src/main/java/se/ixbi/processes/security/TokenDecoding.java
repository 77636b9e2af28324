package se.ixbi.processes.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** How Keycloak's access tokens are checked and what they grant. */
final class TokenDecoding {

    private TokenDecoding() {
    }

    /**
     * Checks signature (the realm's keys), expiry, issuer and audience. Built on first use, so the engine starts
     * while Keycloak is down; the keys are kept once fetched (and fetched again for a key id not seen before), so
     * tokens already issued keep working while Keycloak is down.
     */
    static JwtDecoder decoder(IdentityProperties identity) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(KeycloakEndpoints.of(identity).jwkSet())
                    .cache(new ConcurrentMapCache("keycloak-keys"))
                    .build();
            decoder.setJwtValidator(validator(identity));
            return decoder;
        });
    }

    private static OAuth2TokenValidator<Jwt> validator(IdentityProperties identity) {
        JwtTimestampValidator expiry = new JwtTimestampValidator(identity.clockSkew());
        JwtIssuerValidator issuer = new JwtIssuerValidator(identity.issuerUri().toString());
        JwtClaimValidator<List<String>> audience = new JwtClaimValidator<>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(identity.audience()));
        return new DelegatingOAuth2TokenValidator<>(expiry, issuer, audience);
    }

    /** The user is {@code preferred_username}; the roles are the realm roles ({@code coordinator → ROLE_coordinator}). */
    static JwtAuthenticationConverter authentication() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(SignedInUser.USER_CLAIM);
        converter.setJwtGrantedAuthoritiesConverter(TokenDecoding::realmRoles);
        return converter;
    }

    static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
}
