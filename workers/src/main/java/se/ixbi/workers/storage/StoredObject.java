package se.ixbi.workers.storage;

/** An object's key, size in bytes and SHA-256 (lower-case hex; null where the store has not recorded one). */
public record StoredObject(String key, long size, String sha256) {
}
