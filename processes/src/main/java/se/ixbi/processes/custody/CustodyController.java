package se.ixbi.processes.custody;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import se.ixbi.processes.specimen.CustodyAction;
import se.ixbi.processes.specimen.CustodyEventView;

@RestController
@Tag(name = "custody")
class CustodyController {

    private final CustodyScans scans;

    CustodyController(CustodyScans scans) {
        this.scans = scans;
    }

    @PostMapping("/api/specimens/{barcode}/custody-events")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('operator', 'coordinator', 'clinician')")
    @Operation(summary = "Record a custody scan; RECEIVED_AT_BEAMLINE completes the hand-off to the synchrotron")
    CustodyEventView scan(@PathVariable String barcode, @Valid @RequestBody ScanRequest request, Principal user) {
        return scans.scan(barcode, request.action(), request.location(), request.note(), user.getName());
    }

    record ScanRequest(@NotNull CustodyAction action, @NotBlank @Size(max = 100) String location,
            @Size(max = 500) String note) {
    }
}
