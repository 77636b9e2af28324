package se.ixbi.workers.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param type {@code local} (a folder, the embedded default) or {@code s3} (MinIO, Ceph, AWS)
 * @param root the folder of the local store
 * @param bucket bucket (S3) or top folder (local)
 * @param endpoint S3 endpoint URL
 * @param accessKey S3 access key
 * @param secretKey S3 secret key
 */
@ConfigurationProperties("ixbi.objects")
public record ObjectStoreProperties(
        @DefaultValue("local") String type,
        @DefaultValue("./data/objects") Path root,
        @DefaultValue("ixbi") String bucket,
        String endpoint,
        String accessKey,
        String secretKey) {
}
