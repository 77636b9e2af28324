package se.ixbi.processes.cases;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/cases")
@Tag(name = "cases")
class CaseController {

    private final CaseRegistrar registrar;
    private final Cases cases;

    CaseController(CaseRegistrar registrar, Cases cases) {
        this.registrar = registrar;
        this.cases = cases;
    }

    @PostMapping
    @PreAuthorize("hasRole('coordinator')")
    @Operation(summary = "Register a case for a research pseudonym and start its process")
    @ApiResponse(responseCode = "201", description = "The case, registered; its address in Location")
    ResponseEntity<CaseSummary> register(@Valid @RequestBody CaseRegistration registration, Principal user) {
        Case c = registrar.register(registration, user.getName());
        return ResponseEntity.created(URI.create("/api/cases/" + c.getId())).body(CaseSummary.of(c));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('coordinator', 'auditor', 'clinician', 'operator')")
    @Operation(summary = "All cases, newest first, optionally of one status and one stage")
    List<CaseSummary> list(@RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) CaseStage stage) {
        return cases.summaries(status).stream().filter(c -> stage == null || c.stage() == stage).toList();
    }
}
