package se.ixbi.fhirbridge.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the engine's {@code GET /api/cases/{id}} tells the bridge about a case: no patient, only the pseudonym. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseFile(String id, String useCase, String pseudonym, String status, Consent consent,
        List<Specimen> specimens, List<Dataset> datasets) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consent(String decision, Map<String, Boolean> scopes, String version, Instant recordedAt,
            Instant withdrawnAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Specimen(String barcode, String type, String parentBarcode, String tissueType, Double sizeMm,
            String description, Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(String id, String modality, String level, String uri, String sha256, long sizeBytes,
            String specimenBarcode, String producedBy, String softwareVersion, Instant createdAt, String status) {
    }

    public List<Specimen> specimens() {
        return specimens == null ? List.of() : specimens;
    }

    public List<Dataset> datasets() {
        return datasets == null ? List.of() : datasets;
    }
}
