package se.ixbi.processes.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The audit trail as auditors search it: by case, user, action and time, newest first. */
@Service
public class AuditSearch {

    /** The most a page shows; exports take up to {@link #EXPORT_LIMIT}. */
    public static final int PAGE_LIMIT = 500;
    public static final int EXPORT_LIMIT = 100_000;

    private final AuditEventRepository events;
    private final AuditTrail trail;

    AuditSearch(AuditEventRepository events, AuditTrail trail) {
        this.events = events;
        this.trail = trail;
    }

    /**
     * What to look for; every part optional.
     *
     * @param from inclusive
     * @param to exclusive
     */
    public record Filter(String caseId, String actor, String action, Instant from, Instant to) {

        public Filter {
            caseId = blankToNull(caseId);
            actor = blankToNull(actor);
            action = blankToNull(action);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** A page of matches and how many there are in all. */
    public record Found(List<AuditEvent> events, long total) {
    }

    @Transactional(readOnly = true)
    public Found find(Filter filter, int limit) {
        var page = events.findAll(matching(filter), PageRequest.of(0, limit, Sort.by(Sort.Direction.DESC, "seq")));
        return new Found(page.getContent(), page.getTotalElements());
    }

    /** Every match (up to {@link #EXPORT_LIMIT}), oldest first as the chain runs; the export itself is recorded. */
    @Transactional
    public List<AuditEvent> export(Filter filter, String format, String reader) {
        List<AuditEvent> found = new ArrayList<>(find(filter, EXPORT_LIMIT).events());
        java.util.Collections.reverse(found);
        trail.record(reader, "AUDIT_EXPORTED", filter.caseId(), found.size() + " events as " + format + " ("
                + filter + ")");
        return found;
    }

    private static Specification<AuditEvent> matching(Filter f) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (f.caseId() != null) {
                where.add(cb.equal(root.get("caseId"), f.caseId()));
            }
            if (f.actor() != null) {
                where.add(cb.equal(root.get("actor"), f.actor()));
            }
            if (f.action() != null) {
                where.add(cb.equal(root.get("action"), f.action()));
            }
            if (f.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.<Instant>get("occurredAt"), f.from()));
            }
            if (f.to() != null) {
                where.add(cb.lessThan(root.<Instant>get("occurredAt"), f.to()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
