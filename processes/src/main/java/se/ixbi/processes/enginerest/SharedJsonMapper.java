package se.ixbi.processes.enginerest;

import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Camunda's JSON mapper for {@code /engine-rest}, configured once. Camunda's {@link JacksonConfigurator} builds a new
 * {@link ObjectMapper} on every look-up, that is for every request and response, so each call also rebuilt its
 * serializers from scratch (seen in a recording under load, docs/performance.md). The mapper is made the same way,
 * on first use so that a date format set at start still applies, and shared: an {@code ObjectMapper} is safe to use
 * from many threads once configured.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
public class SharedJsonMapper extends JacksonConfigurator {

    private volatile ObjectMapper mapper;

    @Override
    public ObjectMapper getContext(Class<?> type) {
        ObjectMapper shared = mapper;
        if (shared == null) {
            synchronized (this) {
                shared = mapper;
                if (shared == null) {
                    shared = configureObjectMapper(new ObjectMapper());
                    mapper = shared;
                }
            }
        }
        return shared;
    }
}
