package se.ixbi.objectreader;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads small objects the workers stored (findings, figures, pictures) by their URI: {@code file:} under the local store's
 * folder, or {@code s3://bucket/key}. An object that is not there is empty; a store that cannot be read fails.
 */
public class ObjectReader {

    private static final long MAX_BYTES = 64L << 20;

    private final ObjectStoreProperties properties;
    private volatile MinioClient s3;

    public ObjectReader(ObjectStoreProperties properties) {
        this.properties = properties;
    }

    public Optional<byte[]> read(URI uri) {
        return switch (String.valueOf(uri.getScheme())) {
            case "file" -> readFile(uri);
            case "s3" -> readS3(uri);
            default -> throw new IllegalArgumentException("no object store for " + uri);
        };
    }

    private Optional<byte[]> readFile(URI uri) {
        Path root = properties.root().toAbsolutePath().normalize();
        Path path = Path.of(uri).toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException(uri + " lies outside the object store " + root);
        }
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalStateException(uri + " is larger than " + MAX_BYTES + " bytes");
            }
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> readS3(URI uri) {
        String key = uri.getPath().substring(1);
        try (InputStream in = s3().getObject(GetObjectArgs.builder().bucket(uri.getHost()).object(key).build())) {
            return Optional.of(in.readNBytes((int) MAX_BYTES));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot read " + uri + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private MinioClient s3() {
        if (s3 == null) {
            if (properties.endpoint() == null) {
                throw new IllegalStateException("an s3:// object but no ixbi.objects.endpoint configured");
            }
            s3 = MinioClient.builder().endpoint(properties.endpoint())
                    .credentials(properties.accessKey(), properties.secretKey()).build();
        }
        return s3;
    }
}
