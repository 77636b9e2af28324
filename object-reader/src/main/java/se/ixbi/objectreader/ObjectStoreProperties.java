package se.ixbi.objectreader;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The object store the workers write findings and pictures into; the same keys as the workers', so one environment configures
 * both. Whoever uses this module only reads.
 *
 * @param root the local store's folder (file URIs must lie under it)
 * @param endpoint the S3 endpoint, for {@code s3://} URIs
 */
@ConfigurationProperties("ixbi.objects")
public record ObjectStoreProperties(
        @DefaultValue("./data/objects") Path root,
        String endpoint,
        String accessKey,
        String secretKey) {

    @Override
    public String toString() {
        return "ObjectStoreProperties[root=" + root + ", endpoint=" + endpoint + ", accessKey=" + accessKey
                + ", secretKey=***]";
    }
}
