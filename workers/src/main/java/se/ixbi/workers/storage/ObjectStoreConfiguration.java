package se.ixbi.workers.storage;

import io.minio.MinioClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ObjectStoreConfiguration {

    @Bean
    ObjectStore objectStore(ObjectStoreProperties p) {
        ObjectStore store = switch (p.type()) {
            case "local" -> new LocalObjectStore(p.root(), p.bucket());
            case "s3" -> {
                if (p.endpoint() == null || p.accessKey() == null || p.secretKey() == null) {
                    throw new IllegalStateException(
                            "ixbi.objects.type=s3 needs ixbi.objects.endpoint, access-key and secret-key");
                }
                yield new S3ObjectStore(MinioClient.builder().endpoint(p.endpoint())
                        .credentials(p.accessKey(), p.secretKey()).build(), p.bucket());
            }
            default -> throw new IllegalStateException("ixbi.objects.type must be local or s3, was " + p.type());
        };
        return new QuarantineGuard(store);
    }
}
