package se.ixbi.workers.storage;

import io.minio.MinioClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;

/**
 * A real S3 endpoint on loopback: S3Proxy over its filesystem backend. {@link #start()} takes a fresh temporary
 * folder; {@link #onDisk} keeps its objects in a folder of the test's, and can go down and come back on the same
 * port with the same objects, as a store that fails for a while does.
 */
public final class S3TestServer implements AutoCloseable {

    private static final String ACCESS_KEY = "ixbi-test-access";
    private static final String SECRET_KEY = "ixbi-test-secret-key";

    private final S3ProxyJunitCore junit;
    private final BlobStore blobStore;
    private final int port;
    private S3Proxy proxy;
    private boolean closed;

    private S3TestServer(S3ProxyJunitCore junit, BlobStore blobStore, int port) {
        this.junit = junit;
        this.blobStore = blobStore;
        this.port = port;
    }

    public static S3TestServer start() {
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder()
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .withBlobStoreProvider("filesystem")
                .build();
        try {
            proxy.beforeEach();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new S3TestServer(proxy, null, proxy.getUri().getPort());
    }

    /** An S3 server whose objects live in {@code folder}, on a free port it keeps across {@link #down()}. */
    public static S3TestServer onDisk(Path folder) {
        Properties properties = new Properties();
        try {
            Files.createDirectories(folder);
            properties.setProperty("jclouds.filesystem.basedir", folder.toRealPath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the S3 server's folder " + folder, e);
        }
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3TestServer server = new S3TestServer(null, BlobStores.create("filesystem", properties), freePort());
        server.up();
        return server;
    }

    /** Stops answering: connections to its port are refused until {@link #up()}. */
    public synchronized void down() {
        requireOnDisk();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
        proxy = null;
    }

    /** Answers again, on the same port, with the objects it had. */
    public synchronized void up() {
        requireOnDisk();
        S3Proxy started = S3Proxy.builder().blobStore(blobStore)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:" + port)).ignoreUnknownHeaders(true).build();
        try {
            started.start();
            while (!"STARTED".equals(started.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        proxy = started;
    }

    private void requireOnDisk() {
        if (blobStore == null) {
            throw new IllegalStateException("only a server made with onDisk goes down and up");
        }
    }

    public String endpoint() {
        return junit != null ? junit.getUri().toString() : "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).credentials(accessKey(), secretKey()).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (junit != null) {
            junit.afterEach();
        } else if (proxy != null) {
            down();
        }
    }
}
