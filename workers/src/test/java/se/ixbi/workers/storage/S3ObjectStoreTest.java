package se.ixbi.workers.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The MinIO SDK against a real S3 protocol server (S3Proxy, filesystem backend) on loopback. */
class S3ObjectStoreTest extends ObjectStoreContract {

    private S3TestServer server;
    private ObjectStore store;

    @BeforeEach
    void start() {
        server = S3TestServer.start();
        store = new S3ObjectStore(server.client(), "ixbi");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    ObjectStore store() {
        return store;
    }
}
