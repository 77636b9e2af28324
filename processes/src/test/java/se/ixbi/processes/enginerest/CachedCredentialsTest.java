package se.ixbi.processes.enginerest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.ixbi.processes.IxbiTest;

/** Credentials remembered for a while, against the engine's real identity service. */
@IxbiTest
class CachedCredentialsTest {

    @Autowired
    IdentityService identity;
    final MovableClock clock = new MovableClock();
    String user;

    @BeforeEach
    void aUserInTheWorkerGroup() {
        user = "cache-probe-" + System.nanoTime();
        User created = identity.newUser(user);
        created.setPassword("first-Secret-1");
        identity.saveUser(created);
        identity.createMembership(user, "worker");
    }

    @AfterEach
    void removeTheUser() {
        identity.deleteUser(user);
    }

    @Test
    void aRightPasswordGivesTheUsersGroupsAndAWrongOneNothingEvenWhileARightOneIsRemembered() {
        CachedCredentials credentials = new CachedCredentials(Duration.ofSeconds(10), clock);
        CachedCredentials.Identity found = credentials.check(identity, user, "first-Secret-1");
        assertThat(found.user()).isEqualTo(user);
        assertThat(found.groups()).containsExactly("worker");
        assertThat(found.tenants()).isEmpty();
        assertThat(credentials.check(identity, user, "first-Secret-2")).isNull();
        assertThat(credentials.check(identity, user, "")).isNull();
        assertThat(credentials.check(identity, "nobody-" + System.nanoTime(), "first-Secret-1")).isNull();
    }

    @Test
    void aChangedPasswordOrMembershipTakesEffectWhenTheEntryExpires() {
        CachedCredentials credentials = new CachedCredentials(Duration.ofSeconds(10), clock);
        assertThat(credentials.check(identity, user, "first-Secret-1")).isNotNull();
        User changed = identity.createUserQuery().userId(user).singleResult();
        changed.setPassword("second-Secret-2");
        identity.saveUser(changed);
        identity.deleteMembership(user, "worker");

        clock.advance(Duration.ofSeconds(9));
        assertThat(credentials.check(identity, user, "first-Secret-1").groups()).containsExactly("worker");
        assertThat(credentials.check(identity, user, "second-Secret-2").groups()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(credentials.check(identity, user, "first-Secret-1")).isNull();
        assertThat(credentials.check(identity, user, "second-Secret-2")).isNotNull();
    }

    @Test
    void aZeroTimeToLiveChecksEveryCallAndANegativeOneIsRefused() {
        CachedCredentials credentials = new CachedCredentials(Duration.ZERO, clock);
        assertThat(credentials.check(identity, user, "first-Secret-1")).isNotNull();
        User changed = identity.createUserQuery().userId(user).singleResult();
        changed.setPassword("second-Secret-2");
        identity.saveUser(changed);
        assertThat(credentials.check(identity, user, "first-Secret-1")).isNull();

        assertThatThrownBy(() -> new CachedCredentials(Duration.ofSeconds(-1), clock))
                .hasMessageContaining("ixbi.security.credential-cache-ttl");
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-07T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
