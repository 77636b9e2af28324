package se.ixbi.objectreader;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** An {@link ObjectReader} on the store that {@code ixbi.objects.*} names, the same keys the workers read. */
@AutoConfiguration
@EnableConfigurationProperties(ObjectStoreProperties.class)
public class ObjectReaderAutoConfiguration {

    @Bean
    ObjectReader objectReader(ObjectStoreProperties properties) {
        return new ObjectReader(properties);
    }
}
