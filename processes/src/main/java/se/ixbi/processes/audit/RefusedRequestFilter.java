package se.ixbi.processes.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Counts every answer 401 or 403, whichever part gave it (Spring Security, Camunda's filters, the webapps). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusedRequestFilter extends OncePerRequestFilter {

    private final RefusedRequests refused;

    RefusedRequestFilter(RefusedRequests refused) {
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN) {
                refused.count(request.getRemoteAddr(), status);
            }
        }
    }
}
