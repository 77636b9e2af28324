package se.ixbi.processes.security;

import java.io.IOException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keycloak mode's refusals of a bearer token: the {@code WWW-Authenticate: Bearer} header RFC 6750 asks for (its
 * error tells a client whether to fetch a new token), and a problem body that says why in words.
 */
final class BearerProblems {

    private static final BearerTokenAuthenticationEntryPoint CHALLENGE = new BearerTokenAuthenticationEntryPoint();
    private static final BearerTokenAccessDeniedHandler DENIED = new BearerTokenAccessDeniedHandler();

    private BearerProblems() {
    }

    static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        CHALLENGE.commence(request, response, e);
        ProblemResponse.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED",
                "Sign in first: send a valid access token of the realm (" + e.getMessage() + ")");
    }

    static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        DENIED.handle(request, response, e);
        ProblemResponse.write(request, response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
                "Your role does not allow this operation");
    }
}
