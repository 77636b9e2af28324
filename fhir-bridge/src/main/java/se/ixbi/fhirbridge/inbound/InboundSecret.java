package se.ixbi.fhirbridge.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/** The shared secret a notification must carry; compared in constant time. */
@Component
class InboundSecret {

    private final String secret;

    InboundSecret(InboundProperties properties) {
        if (properties.secret() != null && !properties.secret().isBlank()) {
            this.secret = properties.secret();
        } else {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
    }

    boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    String header() {
        return "Authorization: Bearer " + secret;
    }
}
