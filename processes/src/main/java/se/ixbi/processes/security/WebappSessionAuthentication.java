package se.ixbi.processes.security;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;

/**
 * Signs a person in to Cockpit, Tasklist and Admin in Keycloak mode: the user and groups of the browser session
 * that the OIDC sign-in created, so the webapps show no login form of their own.
 */
public class WebappSessionAuthentication extends ContainerBasedAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return SignedInUser.forEngine();
    }
}
