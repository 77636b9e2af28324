package se.ixbi.processes.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import se.ixbi.processes.KeycloakModeTest;
import se.ixbi.processes.audit.AuditEvent;
import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.testservers.SharedKeycloak;

/** Sign-ins and administrators' changes in Keycloak reach the audit trail, each once. */
class KeycloakEventsTest extends KeycloakModeTest {

    @Autowired
    KeycloakEvents events;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void signInsFailedSignInsAndUserChangesAreCopiedIntoTheTrailOnce() {
        events.copy();
        long signIns = count("KEYCLOAK_LOGIN", "auditor");
        long failures = count("KEYCLOAK_LOGIN_ERROR", "clinician");
        long userChanges = count("KEYCLOAK_ADMIN_USER", KeycloakEvents.ACTOR);

        SharedKeycloak.passwordToken("auditor", "auditor");
        assertThat(SharedKeycloak.token(Map.of("grant_type", "password", "client_id", "ixbi-cli",
                "username", "clinician", "password", "wrong")).path("error").asText()).isEqualTo("invalid_grant");
        SharedKeycloak.setEnabled("operator", true);

        // the schedule may copy some of them first: what counts is that the trail holds each once
        events.copy();
        assertThat(count("KEYCLOAK_LOGIN", "auditor")).isEqualTo(signIns + 1);
        assertThat(count("KEYCLOAK_LOGIN_ERROR", "clinician")).isEqualTo(failures + 1);
        assertThat(count("KEYCLOAK_ADMIN_USER", KeycloakEvents.ACTOR)).isEqualTo(userChanges + 1);
        // as the schedule calls it, each minute: nothing is copied twice
        events.poll();
        assertThat(count("KEYCLOAK_LOGIN", "auditor")).isEqualTo(signIns + 1);
        assertThat(count("KEYCLOAK_LOGIN_ERROR", "clinician")).isEqualTo(failures + 1);
        assertThat(count("KEYCLOAK_ADMIN_USER", KeycloakEvents.ACTOR)).isEqualTo(userChanges + 1);
        AuditEvent failure = trail.latest(1000).stream().filter(e -> e.getAction().equals("KEYCLOAK_LOGIN_ERROR"))
                .findFirst().orElseThrow();
        assertThat(failure.getDetail()).contains("from 127.0.0.1", "through ixbi-cli", "invalid_user_credentials");
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void moreEventsThanKeycloakAnswersOnOnePageAreAllCopied() {
        events.copy();
        long before = workerSignIns();
        // three pages of Keycloak's answer, and more than any single page could hold
        int signIns = 1010;
        for (int i = 0; i < signIns; i++) {
            SharedKeycloak.clientToken("ixbi-worker", "ixbi-worker-dev-secret");
        }

        // the schedule may copy some of them first: what counts is that the trail holds each once
        events.copy();
        assertThat(workerSignIns()).isEqualTo(before + signIns);
        events.copy();
        assertThat(workerSignIns()).isEqualTo(before + signIns);
    }

    private long workerSignIns() {
        return jdbc.queryForObject("select count(*) from audit_event where action = 'KEYCLOAK_CLIENT_LOGIN'"
                + " and actor = 'service-account-ixbi-worker'", Long.class);
    }

    private long count(String action, String actor) {
        return trail.latest(1000).stream().filter(e -> e.getAction().equals(action) && e.getActor().equals(actor))
                .count();
    }
}
