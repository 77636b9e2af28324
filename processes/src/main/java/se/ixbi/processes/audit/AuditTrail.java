package se.ixbi.processes.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The append-only, hash-chained record of what happened to each case and who did it. */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    /** The logging context's key for the case, the engine's business key ({@code logging-context-business-key}). */
    private static final String CASE_ID = "caseId";

    private final AuditEventRepository events;
    private final AuditHeadRepository head;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, AuditHeadRepository head, Clock clock) {
        this.events = events;
        this.head = head;
        this.clock = clock;
    }

    /** Appends within the caller's transaction: the event exists exactly when the change it records does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent record(String actor, String action, String caseId, String detail) {
        AuditHead current = head.lockHead().orElseThrow(() -> new IllegalStateException("audit_head row is missing"));
        // microseconds: what both H2 and PostgreSQL store, so that a re-read row hashes the same
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        AuditEvent event = new AuditEvent(current.lastSeq() + 1, now, actor, action, caseId, detail, current.lastHash());
        events.save(event);
        current.advance(event);
        logOnCommit(event);
        return event;
    }

    /**
     * One line per recorded event once it is committed, under its case: the engine's logging context is gone by
     * then (it ends with the engine's command, before Spring's transaction commits), so the case goes with it.
     */
    private static void logOnCommit(AuditEvent event) {
        String caseId = event.getCaseId() != null ? event.getCaseId() : MDC.get(CASE_ID);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                String outer = MDC.get(CASE_ID);
                if (caseId != null) {
                    MDC.put(CASE_ID, caseId);
                }
                try {
                    log.info("{} by {} (audit event {})", event.getAction(), event.getActor(), event.getSeq());
                } finally {
                    if (outer != null) {
                        MDC.put(CASE_ID, outer);
                    } else {
                        MDC.remove(CASE_ID);
                    }
                }
            }
        });
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> forCase(String caseId) {
        return events.findByCaseIdOrderBySeq(caseId);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> latest(int limit) {
        return events.findAllByOrderBySeqDesc(PageRequest.of(0, limit));
    }

    /** Walks the whole chain and reports the first row whose hash or link does not hold. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        String expectedPrevious = ChainVerification.GENESIS;
        long expectedSeq = 1;
        long count = 0;
        try (Stream<AuditEvent> all = events.streamAll()) {
            for (AuditEvent e : (Iterable<AuditEvent>) all::iterator) {
                if (e.getSeq() != expectedSeq) {
                    return ChainVerification.broken(count, e.getSeq(), "sequence gap: expected " + expectedSeq);
                }
                if (!e.getPreviousHash().equals(expectedPrevious)) {
                    return ChainVerification.broken(count, e.getSeq(), "link to the previous event does not match");
                }
                if (!e.computeHash().equals(e.getHash())) {
                    return ChainVerification.broken(count, e.getSeq(), "content does not match its hash");
                }
                expectedPrevious = e.getHash();
                expectedSeq++;
                count++;
            }
        }
        AuditHead current = head.findById(1).orElseThrow();
        if (current.lastSeq() != count || !current.lastHash().equals(expectedPrevious)) {
            return ChainVerification.broken(count, current.lastSeq(), "events after #" + count + " are missing");
        }
        return ChainVerification.intact(count, expectedPrevious);
    }

    public record ChainVerification(boolean intact, long events, String headHash, Long brokenAtSeq, String problem) {

        static final String GENESIS = "0".repeat(64);

        static ChainVerification intact(long events, String headHash) {
            return new ChainVerification(true, events, headHash, null, null);
        }

        static ChainVerification broken(long events, long seq, String problem) {
            return new ChainVerification(false, events, null, seq, problem);
        }
    }
}
