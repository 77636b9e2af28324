package se.ixbi.processes.specimen;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;


@RestController
@Tag(name = "specimens")
class SpecimenController {

    private final SpecimenRegistry registry;
    private final CustodyLog custody;

    SpecimenController(SpecimenRegistry registry, CustodyLog custody) {
        this.registry = registry;
        this.custody = custody;
    }

    @PostMapping("/api/cases/{caseId}/specimens")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('operator', 'coordinator')")
    @Operation(summary = "Register a block, section or lamella cut from a specimen of the case")
    SpecimenView register(@PathVariable String caseId, @Valid @RequestBody DerivedSpecimenRequest request,
            Principal user) {
        return SpecimenView.of(registry.registerDerived(caseId, request.type(), request.barcode(),
                request.parentBarcode(), request.description(), user.getName()));
    }

    @GetMapping("/api/specimens/{barcode}")
    @PreAuthorize("hasAnyRole('operator', 'coordinator', 'auditor', 'clinician')")
    @Operation(summary = "A specimen and its chain of custody")
    SpecimenWithCustody get(@PathVariable String barcode) {
        Specimen s = registry.require(barcode);
        return new SpecimenWithCustody(SpecimenView.of(s), custody.chainOf(s.getId()));
    }

    record DerivedSpecimenRequest(
            @NotNull SpecimenType type,
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{3,31}",
                    message = "must be 4 to 32 capital letters, digits or dashes, as on the label") String barcode,
            @NotBlank String parentBarcode,
            @Size(max = 200) String description) {
    }

    record SpecimenWithCustody(SpecimenView specimen, List<CustodyEventView> custody) {
    }
}
