package se.ixbi.processes.enginerest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ServiceFileCacheTest {

    /** The application's loader, counting how often it is asked for resources. */
    static final class CountingLoader extends ClassLoader {

        final AtomicInteger asked = new AtomicInteger();

        CountingLoader() {
            super(ServiceFileCacheTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            asked.incrementAndGet();
            return super.getResources(name);
        }
    }

    @Test
    void camundasRestServiceFileIsLookedForOnceAndFoundWhereTheApplicationFindsIt() throws Exception {
        CountingLoader application = new CountingLoader();
        ServiceFileCache cache = new ServiceFileCache(application);
        String file = ServiceFileCache.CAMUNDA_REST_SPI + "ProcessEngineProvider";

        var first = Collections.list(cache.getResources(file));
        var second = Collections.list(cache.getResources(file));
        assertThat(first).isNotEmpty().isEqualTo(second)
                .isEqualTo(Collections.list(ServiceFileCacheTest.class.getClassLoader().getResources(file)));
        assertThat(application.asked).hasValue(1);
        // a ServiceLoader through it finds Camunda's provider
        assertThat(java.util.ServiceLoader.load(org.camunda.bpm.engine.rest.spi.ProcessEngineProvider.class, cache)
                .findFirst()).isPresent();
        assertThat(application.asked).hasValue(1);

        // anything else is asked for each time
        cache.getResources("META-INF/spring.factories");
        cache.getResources("META-INF/spring.factories");
        assertThat(application.asked).hasValue(3);
        assertThat(cache.loadClass(String.class.getName())).isSameAs(String.class);
    }
}
