package se.ixbi.fhirbridge.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.fhir.ClinicalRecord;
import se.ixbi.fhirbridge.fhir.Identifiers;

/**
 * For servers without subscriptions: every poll interval, the IXBI Consents that became {@code inactive} since
 * the last look ({@code _lastUpdated}), oldest first. The watermark is kept in the bridge's store, so a restart
 * goes on where it stopped.
 */
@Component
public class ConsentPoller {

    private static final Logger log = LoggerFactory.getLogger(ConsentPoller.class);
    private static final String NAME = "consent";

    private final InboundProperties properties;
    private final ClinicalRecord record;
    private final ConsentEvents events;
    private final JdbcClient jdbc;

    ConsentPoller(InboundProperties properties, ClinicalRecord record, ConsentEvents events, JdbcClient jdbc) {
        this.properties = properties;
        this.record = record;
        this.events = events;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${ixbi.bridge.inbound.poll-interval:PT30S}", initialDelayString = "PT5S")
    void scheduled() {
        if (!properties.poll()) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("polling the clinical record for revoked consents failed: {}", e.getMessage());
        }
    }

    /** One look, now; returns how many revoked consents it handled. */
    public int poll() {
        Instant since = watermark();
        Bundle page = record.search("Consent?identifier=" + Identifiers.CONSENT + "|&status=inactive&_lastUpdated=gt"
                + DateTimeFormatter.ISO_INSTANT.format(since) + "&_sort=_lastUpdated&_count=50");
        int handled = 0;
        Instant newest = since;
        while (page != null) {
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                if (entry.getResource() instanceof Consent consent) {
                    events.handle(consent, "polled Consent/" + consent.getIdElement().getIdPart());
                    handled++;
                    Instant updated = consent.getMeta().getLastUpdated().toInstant();
                    newest = updated.isAfter(newest) ? updated : newest;
                }
            }
            page = page.getLink(Bundle.LINK_NEXT) != null ? record.nextPage(page) : null;
        }
        if (newest.isAfter(since)) {
            save(newest);
        }
        return handled;
    }

    private Instant watermark() {
        return jdbc.sql("select watermark from poll_state where name = ?").param(NAME).query(Timestamp.class)
                .optional().map(Timestamp::toInstant).orElse(Instant.EPOCH);
    }

    private void save(Instant watermark) {
        if (jdbc.sql("update poll_state set watermark = ? where name = ?").params(Timestamp.from(watermark), NAME)
                .update() == 0) {
            jdbc.sql("insert into poll_state (name, watermark) values (?, ?)").params(NAME, Timestamp.from(watermark))
                    .update();
        }
    }
}
