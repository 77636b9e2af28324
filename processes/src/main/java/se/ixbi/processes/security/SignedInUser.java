package se.ixbi.processes.security;

import java.util.List;

import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The user and groups of the current request, read from the token itself (a bearer JWT, or the ID token of a
 * browser session) and never looked up in Keycloak: history names who did what, and requests keep working while
 * Keycloak is down.
 *
 * @param id the user name ({@code preferred_username}); service accounts are {@code service-account-<client>}
 * @param groups the {@code groups} claim: the Camunda groups that candidate groups and authorizations name
 */
record SignedInUser(String id, List<String> groups) {

    static final String GROUPS_CLAIM = "groups";
    static final String USER_CLAIM = "preferred_username";

    /** The current request's user, or null when it has none from a token. */
    static SignedInUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return new SignedInUser(jwt.getName(), listOrEmpty(jwt.getToken().getClaimAsStringList(GROUPS_CLAIM)));
        }
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser oidc) {
            return new SignedInUser(oidc.getName(), listOrEmpty(oidc.getClaimAsStringList(GROUPS_CLAIM)));
        }
        return null;
    }

    /**
     * The current request's user as Camunda's filters want it: with groups and tenants set, so that Camunda asks
     * the identity provider for neither.
     */
    static AuthenticationResult forEngine() {
        SignedInUser user = current();
        if (user == null) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(user.id());
        result.setGroups(user.groups());
        result.setTenants(List.of());
        return result;
    }

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
