package se.ixbi.processes.enginerest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's HTTP Basic for {@code /engine-rest}, with the user's groups and tenants from {@link CachedCredentials}
 * set on the result, so that Camunda's filter queries neither. The challenge stays Camunda's.
 */
public final class CachedBasicAuthentication extends HttpBasicAuthenticationProvider {

    private static final String BASIC = "Basic ";

    private final CachedCredentials credentials;

    public CachedBasicAuthentication(CachedCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return AuthenticationResult.unsuccessful();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return AuthenticationResult.unsuccessful();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return AuthenticationResult.unsuccessful();
        }
        String user = decoded.substring(0, colon);
        CachedCredentials.Identity identity = credentials.check(engine.getIdentityService(), user, decoded.substring(colon + 1));
        if (identity == null) {
            return AuthenticationResult.unsuccessful(user);
        }
        AuthenticationResult result = AuthenticationResult.successful(user);
        result.setGroups(identity.groups());
        result.setTenants(identity.tenants());
        return result;
    }
}
