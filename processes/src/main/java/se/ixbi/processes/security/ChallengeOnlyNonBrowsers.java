package se.ixbi.processes.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated request with 401, as a problem like every other refusal. Scripts get the {@code WWW-Authenticate} challenge they need to
 * retry with credentials; a browser (it marks every request with {@code Sec-Fetch-Mode}) gets none, because a Basic
 * challenge makes it pop up its own password dialog over the application's sign-in page.
 */
final class ChallengeOnlyNonBrowsers implements AuthenticationEntryPoint {

    private final String challenge;

    ChallengeOnlyNonBrowsers(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        if (request.getHeader("Sec-Fetch-Mode") == null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        ProblemResponse.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED",
                "Sign in first: " + reason.getMessage());
    }
}
