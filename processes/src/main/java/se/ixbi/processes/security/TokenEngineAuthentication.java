package se.ixbi.processes.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * Camunda's authentication of {@code /engine-rest} calls in Keycloak mode: the user and groups of the bearer token
 * that Spring Security has already validated. Setting the groups here keeps Camunda from asking the identity
 * provider for them on every call.
 */
public class TokenEngineAuthentication implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return SignedInUser.forEngine();
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"IXBI\"");
    }
}
