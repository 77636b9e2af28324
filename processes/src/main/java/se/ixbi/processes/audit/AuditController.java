package se.ixbi.processes.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "The append-only, hash-chained audit trail")
@PreAuthorize("hasAnyRole('auditor', 'coordinator')")
class AuditController {

    private final AuditTrail trail;
    private final RefusedRequests refused;

    AuditController(AuditTrail trail, RefusedRequests refused) {
        this.trail = trail;
        this.refused = refused;
    }

    @GetMapping
    @Operation(summary = "Audit events of one case, or the latest events of all cases")
    List<AuditEvent> events(@RequestParam(required = false) String caseId,
            @RequestParam(defaultValue = "100") int limit) {
        return caseId != null ? trail.forCase(caseId) : trail.latest(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/verification")
    @Operation(summary = "Recompute the hash chain and report whether it is intact")
    AuditTrail.ChainVerification verify() {
        return trail.verify();
    }

    @GetMapping("/refused-requests")
    @Operation(summary = "Requests refused with 401 or 403, counted per source address and minute (the last day by "
            + "default); written once a minute, not chained")
    List<RefusedRequests.Count> refused(@RequestParam(required = false) Instant since) {
        return refused.since(since != null ? since : Instant.now().minus(Duration.ofDays(1)));
    }
}
