package se.ixbi.processes.audit;

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

    AuditController(AuditTrail trail) {
        this.trail = trail;
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
}
