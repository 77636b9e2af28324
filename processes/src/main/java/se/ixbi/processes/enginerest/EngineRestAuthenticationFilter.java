package se.ixbi.processes.enginerest;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's authentication filter for {@code /engine-rest}, given its provider as an object (so that it can hold
 * configuration) and this application's engine (so that it does not look the engine up by a service-file scan);
 * the REST resources' own look-up behind it finds the service file in {@link ServiceFileCache}.
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
            super.doFilter(request, response, chain);
        } finally {
            thread.setContextClassLoader(previous);
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
