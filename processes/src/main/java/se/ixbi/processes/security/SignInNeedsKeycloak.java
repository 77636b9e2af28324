package se.ixbi.processes.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A new sign-in sends the browser to Keycloak; while Keycloak cannot be reached that would end on the browser's
 * own connection error. Answers 503 with the reason instead. People already signed in are not affected.
 */
final class SignInNeedsKeycloak extends OncePerRequestFilter {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final KeycloakEndpoints keycloak;

    SignInNeedsKeycloak(KeycloakEndpoints keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorization/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (reachable()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "30");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Sign-in is unavailable: the identity provider (Keycloak at " + keycloak.issuer()
                + ") cannot be reached. Try again in a minute.\n");
    }

    private boolean reachable() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.jwkSet())).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
