package se.ixbi.processes.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Reads the catalogue once at start; a mistake in it stops the engine with the file and the reason. */
@Configuration(proxyBeanMethods = false)
class CatalogueConfiguration {

    private record CatalogueFile(List<ServiceOffer> services, List<UseCase> useCases) {
    }

    @Bean
    ServiceCatalogue serviceCatalogue(@Value("${ixbi.catalogue.location:classpath:catalogue/services.yml}")
            Resource location) {
        return read(location);
    }

    static ServiceCatalogue read(Resource location) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try (InputStream in = location.getInputStream()) {
            CatalogueFile file = yaml.readValue(in, CatalogueFile.class);
            if (file == null || file.services() == null || file.useCases() == null) {
                throw new IllegalArgumentException("it needs both 'services' and 'useCases'");
            }
            return new ServiceCatalogue(file.services(), file.useCases());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the service catalogue " + location.getDescription() + " cannot be used: "
                    + e.getMessage(), e);
        }
    }
}
