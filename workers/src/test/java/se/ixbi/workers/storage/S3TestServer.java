package se.ixbi.workers.storage;

import io.minio.MinioClient;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;

/** A real S3 endpoint on loopback: S3Proxy over its filesystem backend, in a fresh temporary folder. */
public final class S3TestServer implements AutoCloseable {

    private final S3ProxyJunitCore proxy;
    private boolean closed;

    private S3TestServer(S3ProxyJunitCore proxy) {
        this.proxy = proxy;
    }

    public static S3TestServer start() {
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder()
                .withCredentials("ixbi-test-access", "ixbi-test-secret-key")
                .withBlobStoreProvider("filesystem")
                .build();
        try {
            proxy.beforeEach();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new S3TestServer(proxy);
    }

    public String endpoint() {
        return proxy.getUri().toString();
    }

    public String accessKey() {
        return proxy.getAccessKey();
    }

    public String secretKey() {
        return proxy.getSecretKey();
    }

    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).credentials(accessKey(), secretKey()).build();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            proxy.afterEach();
        }
    }
}
