package se.ixbi.fhirbridge.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.engine.EngineClient;
import se.ixbi.fhirbridge.fhir.Identifiers;

/**
 * A Consent that changed in the hospital's record, whether notified or polled: revoked ({@code inactive}) means
 * the patient withdrew, which the engine hears as {@code POST /api/cases/{id}/consent/withdrawal}. Each version of
 * a Consent is handled once.
 */
@Component
class ConsentEvents {

    private static final Logger log = LoggerFactory.getLogger(ConsentEvents.class);

    private final EngineClient engine;
    private final JdbcClient jdbc;
    private final Clock clock;

    ConsentEvents(EngineClient engine, JdbcClient jdbc, Clock clock) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Outcome handle(Consent consent, String source) {
        String caseId = consent.getIdentifier().stream().filter(i -> Identifiers.CONSENT.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
        if (caseId == null) {
            return Outcome.NOT_IXBI;
        }
        if (consent.getStatus() != Consent.ConsentState.INACTIVE) {
            return Outcome.NO_CHANGE;
        }
        String key = consent.getIdElement().getIdPart() + "/" + consent.getMeta().getVersionId();
        if (seen(key)) {
            return Outcome.ALREADY_HANDLED;
        }
        EngineClient.Answer answer = engine.withdraw(caseId, "consent revoked in the clinical record ("
                + source + ")");
        Outcome outcome = switch (answer.status()) {
            case 202 -> Outcome.WITHDRAWN;
            case 409 -> Outcome.ALREADY_WITHDRAWN;
            case 404 -> Outcome.UNKNOWN_CASE;
            default -> throw new IllegalStateException("the engine answered " + answer.status()
                    + " to the withdrawal of case " + caseId + ": " + answer.body());
        };
        if (outcome != Outcome.UNKNOWN_CASE) {
            remember(key, caseId, outcome);
        }
        log.info("consent of case {} revoked in the clinical record ({}): {}", caseId, source, outcome);
        return outcome;
    }

    private boolean seen(String key) {
        return jdbc.sql("select count(*) from inbound_event where event_key = ?").param(key).query(Integer.class)
                .single() > 0;
    }

    private void remember(String key, String caseId, Outcome outcome) {
        try {
            jdbc.sql("insert into inbound_event (event_key, case_id, outcome, received_at) values (?, ?, ?, ?)")
                    .params(key, caseId, outcome.name(), Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            // a notification and a poll saw the same change at once: the engine withdrew once, as it should
        }
    }

    enum Outcome {
        WITHDRAWN, ALREADY_WITHDRAWN, ALREADY_HANDLED, NO_CHANGE, NOT_IXBI, UNKNOWN_CASE
    }
}
