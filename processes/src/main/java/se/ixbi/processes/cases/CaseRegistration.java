package se.ixbi.processes.cases;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * @param useCase            the pathology use case, one of the service catalogue's ({@code GET /api/services}), e.g.
 *                           {@code liver-fibrosis}
 * @param pseudonym          the research pseudonym issued by the FHIR bridge or the clinic; never a patient identifier
 * @param targetResolutionUm X-ray target resolution; the configured default when absent
 */
public record CaseRegistration(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}", message = "must be 2-64 lower-case letters, digits or dashes") String useCase,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{3,39}", message = "must be 4-40 letters, digits, dashes or underscores") String pseudonym,
        @DecimalMin("0.2") @DecimalMax("50") Double targetResolutionUm) {
}
