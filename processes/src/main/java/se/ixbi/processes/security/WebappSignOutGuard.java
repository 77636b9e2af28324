package se.ixbi.processes.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' sign-out carries the webapp's own CSRF token (the one Camunda keeps in the session) in the header
 * Camunda's pages send it in, so no other site can sign a person out; a sign-out without it is refused before it
 * ends anything.
 */
class WebappSignOutGuard extends OncePerRequestFilter {

    static final String TOKEN_HEADER = CsrfConstants.CSRF_TOKEN_HEADER_NAME;
    static final RequestMatcher SIGN_OUT = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
            WebappSignOut.PATH);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SIGN_OUT.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String given = request.getHeader(TOKEN_HEADER);
        if (expected == null || given == null || !MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("Not signed out: a sign-out needs the webapp's token. "
                    + "Use Sign out in the user menu of Cockpit, Tasklist or Admin.");
            return;
        }
        chain.doFilter(request, response);
    }
}
