package se.ixbi.processes.enginerest;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

import se.ixbi.processes.errors.EngineRestRefusals;

/**
 * {@code /engine-rest} as Camunda configures it, with two changes: refusals answered as what they are
 * ({@link EngineRestRefusals}), and one JSON mapper for all requests ({@link SharedJsonMapper}) in place of
 * Camunda's, which builds and configures a new one for every request.
 */
@Component
class EngineRestResources extends CamundaJerseyResourceConfig {

    @Override
    protected void registerCamundaRestResources() {
        registerClasses(CamundaRestResources.getResourceClasses());
        Set<Class<?>> configuration = new LinkedHashSet<>(CamundaRestResources.getConfigurationClasses());
        if (!configuration.remove(JacksonConfigurator.class)) {
            throw new IllegalStateException("Camunda's REST configuration no longer lists JacksonConfigurator: "
                    + "SharedJsonMapper needs a new look at this version");
        }
        registerClasses(configuration);
        register(SharedJsonMapper.class);
        register(JacksonFeature.class);
    }

    @Override
    protected void registerAdditionalResources() {
        super.registerAdditionalResources();
        EngineRestRefusals.mappers().forEach(this::register);
    }
}
