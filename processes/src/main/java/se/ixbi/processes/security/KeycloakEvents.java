package se.ixbi.processes.security;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataIntegrityViolationException;
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
class KeycloakEvents {

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
        } catch (DataIntegrityViolationException e) {
            // another engine node copied the same events in the same minute; its copy stands, this one rolled back
            LOG.info("Keycloak's events were copied by another node meanwhile; nothing copied twice");
        }
    }

    /**
     * Copies the events that the trail does not hold yet, from the day before the last one copied (yesterday on the
     * first run): Keycloak filters by day only, and a day's events may be more than one page. Returns how many.
     * One copy at a time in this engine (the schedule and an explicit call); between engine nodes, the
     * {@code identity_event} key lets only one of two copies of an event commit.
     */
    public synchronized int copy() {
        String from = firstDay().toString();
        String token = keycloak.token();
        List<Event> events = new ArrayList<>();
        for (JsonNode e : keycloak.everyPage(token, "/events?dateFrom=" + from)) {
            // the engine's own reading of the directory and of these events is not news
            if (!e.path("clientId").asText().equals(keycloak.identity.directoryClientId())) {
                events.add(userEvent(e));
            }
        }
        for (JsonNode e : keycloak.everyPage(token, "/admin-events?dateFrom=" + from)) {
            events.add(adminEvent(e));
        }
        events.sort(Comparator.comparing(Event::at));
        // the copies and the record of what was copied commit together
        return transaction.execute(status -> append(events, from));
    }

    private LocalDate firstDay() {
        java.sql.Timestamp last = jdbc.queryForObject("select max(occurred_at) from identity_event",
                java.sql.Timestamp.class);
        LocalDate lastDay = last == null ? LocalDate.now(ZoneOffset.UTC) : last.toInstant().atOffset(ZoneOffset.UTC)
                .toLocalDate();
        // a day's margin: Keycloak reads the date in its own time zone
        return lastDay.minusDays(1);
    }

    private int append(List<Event> events, String from) {
        Set<String> copiedBefore = new HashSet<>(jdbc.queryForList(
                "select id from identity_event where occurred_at >= ?", String.class,
                java.sql.Timestamp.from(LocalDate.parse(from).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
        int copied = 0;
        for (Event event : events) {
            if (!copiedBefore.add(event.id())) {
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

        private static final int PAGE = 500;
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

        /** Every event a query finds, page by page (newest first: a page that shifts shows an event twice). */
        List<JsonNode> everyPage(String token, String query) {
            List<JsonNode> all = new ArrayList<>();
            for (int first = 0; ; first += PAGE) {
                JsonNode page = get(token, query + "&first=" + first + "&max=" + PAGE);
                page.forEach(all::add);
                if (page.size() < PAGE) {
                    return all;
                }
            }
        }

        JsonNode get(String token, String path) {
            return http.get().uri(KeycloakEndpoints.of(identity).adminApi() + path)
                    .header("Authorization", "Bearer " + token)
                    .retrieve().body(JsonNode.class);
        }
    }
}
