package se.ixbi.processes.casefile;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/cases/{caseId}}: one case with what the features around it know (registration is in cases). */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "cases")
class CaseDetailsController {

    private final CaseQueries queries;

    CaseDetailsController(CaseQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{caseId}")
    @PreAuthorize("hasAnyRole('coordinator', 'auditor', 'clinician', 'operator', 'fhir-bridge')")
    @Operation(summary = "A case with its stage, open tasks, pending work, incidents, consent, specimens and datasets")
    CaseDetails get(@PathVariable String caseId) {
        return queries.details(caseId);
    }
}
