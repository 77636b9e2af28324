package se.ixbi.workers.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps processing away from the data of a case whose consent was withdrawn. {@code data.quarantine} writes
 * {@code quarantine/cases/<caseId>.json}, listing the case's objects for the auditor; from then on every read or
 * write of a key under {@code cases/<caseId>/} or {@code products/<caseId>/} through this store is refused. Nothing is deleted: what happens to
 * the data is a retention decision, taken outside the workers.
 */
public final class QuarantineGuard implements ObjectStore {

    private static final String CASES = "cases/";
    private static final String PRODUCTS = "products/";

    private final ObjectStore store;

    public QuarantineGuard(ObjectStore store) {
        this.store = store;
    }

    public static String markerKey(String caseId) {
        return "quarantine/cases/" + caseId + ".json";
    }

    public static String casePrefix(String caseId) {
        return CASES + caseId + "/";
    }

    public boolean isQuarantined(String caseId) {
        return store.stat(markerKey(caseId)).isPresent();
    }

    private void check(String key) {
        if (key.startsWith(PRODUCTS)) {
            int end = key.indexOf('/', PRODUCTS.length());
            if (end > PRODUCTS.length() && isQuarantined(key.substring(PRODUCTS.length(), end))) {
                throw new QuarantinedException(key.substring(PRODUCTS.length(), end), key);
            }
        }
        if (key.startsWith(CASES)) {
            int end = key.indexOf('/', CASES.length());
            if (end > CASES.length()) {
                String caseId = key.substring(CASES.length(), end);
                if (isQuarantined(caseId)) {
                    throw new QuarantinedException(caseId, key);
                }
            }
        }
    }

    @Override
    public URI uri(String key) {
        return store.uri(key);
    }

    @Override
    public String key(URI uri) {
        return store.key(uri);
    }

    @Override
    public StoredObject put(String key, Path file) {
        check(key);
        return store.put(key, file);
    }

    @Override
    public StoredObject put(String key, byte[] content) {
        check(key);
        return store.put(key, content);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return store.stat(key);
    }

    @Override
    public StoredObject download(String key, Path target, String expectedSha256) {
        check(key);
        return store.download(key, target, expectedSha256);
    }

    @Override
    public byte[] read(String key) {
        check(key);
        return store.read(key);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return store.list(prefix);
    }
}
