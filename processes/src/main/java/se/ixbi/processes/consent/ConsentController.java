package se.ixbi.processes.consent;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "consent")
class ConsentController {

    private final ConsentWithdrawal withdrawal;

    ConsentController(ConsentWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
    }

    @PostMapping("/api/cases/{caseId}/consent/withdrawal")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAnyRole('clinician', 'coordinator', 'fhir-bridge')")
    @Operation(summary = "Record that the patient withdrew consent: all work on the case stops and its data is quarantined")
    void withdraw(@PathVariable String caseId, @Valid @RequestBody WithdrawalRequest request, Principal user) {
        withdrawal.withdraw(caseId, request.reason(), user.getName());
    }

    record WithdrawalRequest(@NotBlank @Size(max = 500) String reason) {
    }
}
