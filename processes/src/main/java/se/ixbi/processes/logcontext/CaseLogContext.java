package se.ixbi.processes.logcontext;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts the case a request is about ({@code /api/cases/IXBI-2026-000042/…}, {@code /cases/…}, the audit pages) into
 * the logging context, under the key the engine uses for the business key of what it executes
 * ({@code logging-context-business-key}), so that every line a case causes carries it, whether the engine or the
 * API wrote it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseLogContext extends OncePerRequestFilter {

    static final String KEY = "caseId";
    private static final Pattern CASE_ID = Pattern.compile("IXBI-\\d{4}-\\d{6}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher found = CASE_ID.matcher(request.getRequestURI());
        if (!found.find()) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put(KEY, found.group());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(KEY);
        }
    }
}
