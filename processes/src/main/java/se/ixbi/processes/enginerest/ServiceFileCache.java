package se.ixbi.processes.enginerest;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader that remembers where the REST API's service files are. Camunda's {@code EngineUtil} runs a
 * {@code ServiceLoader} for its process-engine provider on every call, twice; in the engine's jar that asks each of
 * some 300 nested jars for the file, every time (10 % of a request's CPU under load). Everything else goes to the
 * parent as before.
 */
final class ServiceFileCache extends ClassLoader {

    static final String CAMUNDA_REST_SPI = "META-INF/services/org.camunda.bpm.engine.rest.spi.";

    private final Map<String, List<URL>> found = new ConcurrentHashMap<>();

    ServiceFileCache(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(CAMUNDA_REST_SPI)) {
            return getParent().getResources(name);
        }
        List<URL> urls = found.get(name);
        if (urls == null) {
            urls = Collections.list(getParent().getResources(name));
            found.put(name, urls);
        }
        return Collections.enumeration(urls);
    }
}
