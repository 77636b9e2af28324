package se.ixbi.workers.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any S3 service (MinIO, Ceph, AWS) through the MinIO SDK. Files go up in 16 MiB parts; the SHA-256 of every object
 * travels as user metadata ({@code x-amz-meta-sha256}) so that readers can verify what they download.
 */
public final class S3ObjectStore implements ObjectStore {

    static final long PART_SIZE = 16L << 20;
    private static final String SHA256 = "sha256";

    private final MinioClient client;
    private final String bucket;

    public S3ObjectStore(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            // nodes starting together race to create the bucket; the losers find it made
            String code = e.errorResponse() == null ? "" : e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw new StorageException("cannot open bucket " + bucket + ": " + e.getMessage(), e);
            }
        } catch (MinioException | RuntimeException e) {
            throw new StorageException("cannot open bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public URI uri(String key) {
        try {
            return new URI("s3", bucket, "/" + key, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("object key " + key + " makes no URI", e);
        }
    }

    @Override
    public String key(URI uri) {
        if (!"s3".equals(uri.getScheme()) || !bucket.equals(uri.getHost()) || uri.getPath().length() < 2) {
            throw new IllegalArgumentException(uri + " is not an object of bucket s3://" + bucket);
        }
        return uri.getPath().substring(1);
    }

    @Override
    public StoredObject put(String key, Path file) {
        String sha256 = Sha256.of(file);
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString(), PART_SIZE)
                    .userMetadata(Map.of(SHA256, sha256))
                    .build());
            return new StoredObject(key, Files.size(file), sha256);
        } catch (MinioException | IOException | RuntimeException e) {
            throw new StorageException("cannot upload " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoredObject put(String key, byte[] content) {
        String sha256 = Sha256.of(content);
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(content), (long) content.length, null)
                    .userMetadata(Map.of(SHA256, sha256))
                    .build());
            return new StoredObject(key, content.length, sha256);
        } catch (MinioException | RuntimeException e) {
            throw new StorageException("cannot upload " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new StoredObject(key, stat.size(), recordedSha256(stat)));
        } catch (ErrorResponseException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw new StorageException("cannot stat " + key + ": " + e.getMessage(), e);
        } catch (MinioException | RuntimeException e) {
            throw new StorageException("cannot stat " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoredObject download(String key, Path target, String expectedSha256) {
        String expected = expectedSha256;
        if (expected == null) {
            // what the writer recorded, where it recorded something; an object from elsewhere is read unchecked
            StoredObject stat = stat(key).orElseThrow(() -> new ObjectNotFoundException(key));
            expected = stat.sha256();
        }
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(
                client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), digest)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (ErrorResponseException e) {
            throw notFound(e) ? new ObjectNotFoundException(key) : new StorageException("cannot read " + key, e);
        } catch (MinioException | IOException | RuntimeException e) {
            deleteQuietly(target);
            throw new StorageException("cannot read " + key + ": " + e.getMessage(), e);
        }
        String actual = Sha256.hex(digest);
        if (expected != null && !expected.equalsIgnoreCase(actual)) {
            deleteQuietly(target);
            throw new ChecksumMismatchException(key, expected, actual);
        }
        try {
            return new StoredObject(key, Files.size(target), actual);
        } catch (IOException e) {
            throw new StorageException("cannot read back " + target, e);
        }
    }

    @Override
    public byte[] read(String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (ErrorResponseException e) {
            throw notFound(e) ? new ObjectNotFoundException(key) : new StorageException("cannot read " + key, e);
        } catch (MinioException | IOException | RuntimeException e) {
            throw new StorageException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new StoredObject(item.objectName(), item.size(), null));
                }
            }
        } catch (MinioException | RuntimeException e) {
            throw new StorageException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
        objects.sort(java.util.Comparator.comparing(StoredObject::key));
        return objects;
    }

    private static String recordedSha256(StatObjectResponse stat) {
        for (Map.Entry<String, String> header : stat.userMetadata()) {
            if (header.getKey().toLowerCase().endsWith(SHA256)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static boolean notFound(ErrorResponseException e) {
        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)
                || (e.response() != null && e.response().code() == 404);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover partial download is in the caller's scratch folder, which it removes
        }
    }
}
