package se.ixbi.fhirbridge.pseudonym;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HMAC key, checked at start: a bridge without a proper key refuses to start outside the demo mode. */
final class PseudonymKey {

    static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(PseudonymKey.class);

    private PseudonymKey() {
    }

    static SecretKeySpec load(PseudonymProperties properties) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return spec(decode(properties.key().strip(), "ixbi.bridge.pseudonym.key"));
        }
        if (!properties.demo()) {
            throw new IllegalStateException("ixbi.bridge.pseudonym.key (IXBI_BRIDGE_PSEUDONYM_KEY) is not set: the "
                    + "bridge needs a key of at least 256 bits (base64, e.g. `openssl rand -base64 32`) to make "
                    + "pseudonyms, and refuses to start without one outside the demo mode");
        }
        return spec(demoKey(properties));
    }

    private static byte[] demoKey(PseudonymProperties properties) {
        try {
            if (Files.isRegularFile(properties.demoKeyFile())) {
                return decode(Files.readString(properties.demoKeyFile()).strip(), properties.demoKeyFile().toString());
            }
            byte[] key = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(properties.demoKeyFile().toAbsolutePath().getParent());
            try {
                // readable by the owner only from the moment it exists
                Files.createFile(properties.demoKeyFile(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own protection has to do
                Files.createFile(properties.demoKeyFile());
            }
            Files.writeString(properties.demoKeyFile(), Base64.getEncoder().encodeToString(key));
            log.warn("demo mode: made a pseudonym key in {}; production sets ixbi.bridge.pseudonym.key",
                    properties.demoKeyFile());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the demo pseudonym key", e);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64", e);
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(where + " has " + key.length * 8 + " bits; a pseudonym key needs at least "
                    + MIN_BYTES * 8);
        }
        return key;
    }

    private static SecretKeySpec spec(byte[] key) {
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
