package se.ixbi.processes.security;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.databind.JsonNode;

import se.ixbi.processes.audit.AuditTrail;

/**
 * Sign-ins, failed sign-ins, sign-outs and administrators' changes (users, roles, group memberships) happen in
 * Keycloak; each minute they are copied from its event store into the audit trail, once each, with who, from where
 * and through which client. While Keycloak is down nothing is lost: the events wait in Keycloak.
 */
@Component
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "keycloak")
public class KeycloakEvents {

    static final String ACTOR = "keycloak";
    private static final Logger LOG = LoggerFactory.getLogger(KeycloakEvents.class);

    private final KeycloakAdmin keycloak;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    KeycloakEvents(KeycloakAdmin keycloak, AuditTrail audit, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.keycloak = keycloak;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void poll() {
        try {
            copy();
        } catch (RestClientException e) {
            LOG.warn("Keycloak's events could not be read ({}); they wait there for the next minute", e.getMessage());
        }
    }

    /** Copies the events of today and yesterday (UTC) that the trail does not hold yet; returns how many. */
    public int copy() {
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String token = keycloak.token();
        List<Event> events = new ArrayList<>();
        for (JsonNode e : keycloak.get(token, "/events?dateFrom=" + from + "&max=1000")) {
            // the engine's own reading of the directory and of these events is not news
            if (!e.path("clientId").asText().equals(keycloak.identity.directoryClientId())) {
                events.add(userEvent(e));
            }
        }
        for (JsonNode e : keycloak.get(token, "/admin-events?dateFrom=" + from + "&max=1000")) {
            events.add(adminEvent(e));
        }
        events.sort(Comparator.comparing(Event::at));
        // the copies and the record of what was copied commit together
        return transaction.execute(status -> append(events));
    }

    private int append(List<Event> events) {
        int copied = 0;
        for (Event event : events) {
            if (jdbc.queryForObject("select count(*) from identity_event where id = ?", Integer.class, event.id())
                    > 0) {
                continue;
            }
            jdbc.update("insert into identity_event (id, occurred_at) values (?, ?)", event.id(),
                    java.sql.Timestamp.from(event.at()));
            audit.record(event.actor(), event.action(), null, event.detail());
            copied++;
        }
        return copied;
    }

    record Event(String id, Instant at, String actor, String action, String detail) {
    }

    private static Event userEvent(JsonNode e) {
        String user = e.path("details").path("username").asText(e.path("userId").asText(ACTOR));
        String detail = at(e) + " from " + e.path("ipAddress").asText("?") + " through "
                + e.path("clientId").asText("?") + (e.hasNonNull("error") ? ": " + e.path("error").asText() : "");
        return new Event(id(e), Instant.ofEpochMilli(e.path("time").asLong()), limit(user, 64),
                limit("KEYCLOAK_" + e.path("type").asText(), 40), detail);
    }

    private static Event adminEvent(JsonNode e) {
        JsonNode who = e.path("authDetails");
        String detail = e.path("operationType").asText() + " " + e.path("resourceType").asText() + " "
                + e.path("resourcePath").asText() + " by user " + who.path("userId").asText("?") + " through "
                + who.path("clientId").asText("?") + " from " + who.path("ipAddress").asText("?");
        return new Event(id(e), Instant.ofEpochMilli(e.path("time").asLong()), ACTOR,
                limit("KEYCLOAK_ADMIN_" + e.path("resourceType").asText(), 40), limit(detail, 2000));
    }

    private static String id(JsonNode e) {
        return e.hasNonNull("id") ? e.path("id").asText() : e.path("time").asText() + "-" + e.hashCode();
    }

    private static String at(JsonNode e) {
        return "at " + Instant.ofEpochMilli(e.path("time").asLong());
    }

    private static String limit(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    /** The realm's admin API, as the engine's directory client (it needs {@code view-events}). */
    @Component
    @ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "keycloak")
    static class KeycloakAdmin {

        private final RestClient http = RestClient.create();
        final IdentityProperties identity;

        KeycloakAdmin(IdentityProperties identity) {
            this.identity = identity;
        }

        String token() {
            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", identity.directoryClientId());
            form.add("client_secret", identity.directorySecret());
            return http.post().uri(KeycloakEndpoints.of(identity).token())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(JsonNode.class).path("access_token").asText();
        }

        JsonNode get(String token, String path) {
            return http.get().uri(KeycloakEndpoints.of(identity).adminApi() + path)
                    .header("Authorization", "Bearer " + token)
                    .retrieve().body(JsonNode.class);
        }
    }
}
