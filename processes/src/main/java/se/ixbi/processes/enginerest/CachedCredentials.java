package se.ixbi.processes.enginerest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

/**
 * Who a user and password are, remembered for a short while: checking them costs a password hash and two queries
 * (groups, tenants) on every call, a sixth of an {@code /engine-rest} call's CPU when workers poll. A changed
 * password, group or tenant takes effect once the entry expires ({@code ixbi.security.credential-cache-ttl});
 * a wrong password is never remembered, and only a hash of a right one is.
 */
public final class CachedCredentials {

    /** The user and what the engine knows of them; null from {@link #check} for a wrong password. */
    public record Identity(String user, List<String> groups, List<String> tenants) {
    }

    private record Entry(Identity identity, Instant expires) {
    }

    private static final int MOST_ENTRIES = 10_000;

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> remembered = new ConcurrentHashMap<>();

    public CachedCredentials(Duration ttl, Clock clock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ixbi.security.credential-cache-ttl must not be negative: " + ttl);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** @param identity the engine's, which knows the users */
    public Identity check(IdentityService identity, String user, String password) {
        if (ttl.isZero()) {
            return lookUp(identity, user, password);
        }
        String key = user + "\u0000" + sha256(password);
        Instant now = clock.instant();
        Entry entry = remembered.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.identity();
        }
        Identity found = lookUp(identity, user, password);
        if (found == null) {
            remembered.remove(key);
            return null;
        }
        if (remembered.size() >= MOST_ENTRIES) {
            remembered.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        remembered.put(key, new Entry(found, now.plus(ttl)));
        return found;
    }

    private static Identity lookUp(IdentityService identity, String user, String password) {
        if (!identity.checkPassword(user, password)) {
            return null;
        }
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
                .toList();
        List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).toList();
        return new Identity(user, groups, tenants);
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
