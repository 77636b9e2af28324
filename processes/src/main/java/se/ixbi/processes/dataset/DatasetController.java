package se.ixbi.processes.dataset;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "datasets")
class DatasetController {

    private final DatasetUploads uploads;

    DatasetController(DatasetUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping("/api/cases/{caseId}/datasets")
    @PreAuthorize("hasAnyRole('operator', 'coordinator')")
    @Operation(summary = "Notify that raw data of a modality was uploaded to the object store",
            description = "The dataset is recorded as VERIFYING and its worker reads it; follow it at the Location "
                    + "answered. It becomes CURRENT when the worker has read it through, or REFUSED with the reason "
                    + "in statusReason (a missing object, a wrong size or checksum, an unreadable file).")
    @ApiResponse(responseCode = "201", description = "The upload, recorded as VERIFYING; its address in Location")
    ResponseEntity<DatasetView> uploaded(@PathVariable String caseId, @Valid @RequestBody UploadNotification n,
            Principal user) {
        DatasetView dataset = uploads.rawDataUploaded(caseId,
                new DatasetUploads.RawUpload(n.modality(), n.specimenBarcode(), n.uri(), n.sha256(), n.sizeBytes()),
                user.getName());
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/datasets/" + dataset.id())).body(dataset);
    }

    @GetMapping("/api/cases/{caseId}/datasets/{datasetId}")
    @PreAuthorize("hasAnyRole('coordinator', 'auditor', 'clinician', 'operator', 'fhir-bridge')")
    @Operation(summary = "A dataset of the case, with its status and, for one refused or superseded, the reason")
    DatasetView dataset(@PathVariable String caseId, @PathVariable String datasetId) {
        return uploads.dataset(caseId, datasetId);
    }

    record UploadNotification(
            @NotNull Modality modality,
            @NotBlank String specimenBarcode,
            @NotBlank @Size(max = 1024) @Pattern(regexp = "(s3|file)://\\S+", message = "must be an s3:// or file:// URI") String uri,
            @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits") String sha256,
            @NotNull @Positive Long sizeBytes) {
    }
}
