package se.ixbi.processes.enginerest;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's authentication filter for {@code /engine-rest}, given its provider as an object (so that it can hold
 * configuration) and this application's engine (so that it does not look the engine up by a service-file scan);
 * the REST resources' own look-up behind it finds the service file in {@link ServiceFileCache}. A browser gets no
 * password challenge from it.
 */
public final class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

    private final AuthenticationProvider provider;
    private final Supplier<ProcessEngine> engine;
    private volatile ServiceFileCache serviceFiles;

    /** @param engine the application's engine, asked for at the first request (the filter exists before it) */
    public EngineRestAuthenticationFilter(AuthenticationProvider provider, Supplier<ProcessEngine> engine) {
        this.provider = provider;
        this.engine = engine;
    }

    @Override
    public void init(FilterConfig config) {
        authenticationProvider = provider;
        servletPathPrefix = config.getInitParameter(SERVLET_PATH_PREFIX);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(serviceFiles(previous));
        try {
            super.doFilter(request, browser(request) ? new NoChallenge((HttpServletResponse) response) : response,
                    chain);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A browser marks every request with {@code Sec-Fetch-Mode}; scripts and workers do not. */
    private static boolean browser(ServletRequest request) {
        return request instanceof HttpServletRequest http && http.getHeader("Sec-Fetch-Mode") != null;
    }

    /**
     * A 401 without Camunda's {@code WWW-Authenticate: Basic} challenge, which would make a browser pop up its own
     * password dialog; scripts still get it, to retry with credentials.
     */
    private static final class NoChallenge extends HttpServletResponseWrapper {

        NoChallenge(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }

    private ServiceFileCache serviceFiles(ClassLoader context) {
        ServiceFileCache cache = serviceFiles;
        if (cache == null || cache.getParent() != context) {
            cache = new ServiceFileCache(context);
            serviceFiles = cache;
        }
        return cache;
    }

    @Override
    protected ProcessEngine getAddressedEngine(String engineName) {
        ProcessEngine own = engine.get();
        return own.getName().equals(engineName) ? own : super.getAddressedEngine(engineName);
    }
}
