package se.ixbi.fhirbridge.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.engine.CaseFile;
import se.ixbi.fhirbridge.engine.EngineClient;
import se.ixbi.fhirbridge.fhir.ClinicalRecord;
import se.ixbi.fhirbridge.fhir.CodeSystems;
import se.ixbi.fhirbridge.fhir.Identifiers;
import se.ixbi.fhirbridge.fhir.Provenances;
import se.ixbi.fhirbridge.fhir.Transaction;
import se.ixbi.objectreader.ObjectReader;
import se.ixbi.fhirbridge.pseudonym.PatientResources;
import se.ixbi.fhirbridge.specimen.SpecimenResources;
import se.ixbi.fhirbridge.tasks.ClinicalRecordTask;
import se.ixbi.fhirbridge.tasks.TaskInput;

/**
 * {@code fhir.report}: the reviewed findings as a DiagnosticReport with an Observation per figure, the report as
 * PDF, a DocumentReference per dataset, the specimen tree, and their Provenance. A revised analysis amends the
 * same report (one version more); the same findings sent twice change nothing but the Provenance's time.
 */
@Component
class ReportTask implements ClinicalRecordTask {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIGURES = List.of("cell-types.png", "niches.png", "niches-on-xray.png",
            "niche-composition.png");

    private final EngineClient engine;
    private final ClinicalRecord record;
    private final PatientResources patients;
    private final ObjectReader objects;
    private final Clock clock;

    ReportTask(EngineClient engine, ClinicalRecord record, PatientResources patients, ObjectReader objects,
            Clock clock) {
        this.engine = engine;
        this.record = record;
        this.patients = patients;
        this.objects = objects;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return "fhir.report";
    }

    @Override
    public Map<String, Object> write(TaskInput task) {
        String caseId = task.caseId();
        CaseFile file = engine.caseFile(caseId);
        String findingsUri = task.requireString("findingsUri");
        JsonNode findings = findingsJson(findingsUri);
        String findingsId = Optional.ofNullable(task.string("fusionDatasetId"))
                .orElse(findings.path("case").asText(caseId) + "/" + findingsUri.hashCode());
        List<Finding> figures = Findings.of(findings, task);

        Identifier reportId = Identifiers.of(Identifiers.REPORT, caseId);
        Version version = version(record.find(DiagnosticReport.class, reportId), findingsId);
        Instant now = clock.instant();

        Transaction tx = new Transaction();
        Reference patient = patients.add(tx, file.pseudonym());
        Map<String, Reference> specimens = SpecimenResources.add(tx, file.specimens(), patient, null);
        List<Reference> documents = new ArrayList<>();
        for (CaseFile.Dataset d : file.datasets()) {
            if (!"REFUSED".equals(d.status())) {
                Identifier id = Identifiers.of(Identifiers.DATASET, d.id());
                documents.add(tx.upsert(DatasetDocuments.of(d, id, patient, specimens.get(d.specimenBarcode())), id));
            }
        }
        Reference core = file.specimens().stream().filter(s -> s.parentBarcode() == null).findFirst()
                .map(s -> specimens.get(s.barcode())).orElse(null);
        List<Reference> results = new ArrayList<>();
        Set<String> findingIds = figures.stream().map(f -> caseId + "/" + f.code()).collect(Collectors.toSet());
        for (Finding f : figures) {
            Identifier id = Identifiers.of(Identifiers.FINDING, caseId + "/" + f.code());
            results.add(tx.upsert(observation(f, id, patient, core, documents, version, now), id));
        }
        cancelStale(tx, version, findingIds);
        String conclusion = Optional.ofNullable(task.string("findingsSummary")).orElse("(no conclusion given)");
        String analysis = Optional.ofNullable(task.string("fusionSummary")).orElse(findings.path("summary").asText());
        byte[] pdf = ReportPdf.render(new ReportContent(
                "IXBI report for case " + caseId,
                "Use case " + file.useCase() + ", pseudonym " + file.pseudonym() + ", report version "
                        + version.number() + (version.amended() ? " (amended)" : "") + ", " + now.toString()
                        .substring(0, 10),
                conclusion, analysis,
                figures.stream().map(f -> new String[] {f.display(), Findings.format(f)}).toList(),
                pictures(findingsUri),
                file.datasets().stream().filter(d -> !"REFUSED".equals(d.status()))
                        .map(d -> d.modality() + " " + d.level().toLowerCase(Locale.ROOT) + " (" + d.status()
                                .toLowerCase(Locale.ROOT) + "): " + d.uri() + ", " + d.sizeBytes() + " bytes, SHA-256 "
                                + d.sha256())
                        .toList()));
        DiagnosticReport report = report(reportId, caseId, findingsId, version, patient, specimens.values(), results,
                conclusion, pdf, now);
        tx.upsert(report, reportId);
        Provenances.stamp(tx, "fhir.report/" + caseId, version.amended()
                        ? "report amended after a revised analysis (version " + version.number() + ")"
                        : "report of the reviewed IXBI findings", documents, now);

        List<IdType> ids = record.transact(tx, "the report of case " + caseId);
        return Map.of("fhirDiagnosticReportId", ids.get(ids.size() - 2).getValue(),
                "fhirReportStatus", version.amended() ? "amended" : "final",
                "fhirReportVersion", version.number());
    }

    private JsonNode findingsJson(String uri) {
        byte[] bytes = objects.read(URI.create(uri)).orElseThrow(() -> new IllegalStateException(
                "the findings " + uri + " are not in the object store"));
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("the findings " + uri + " are not JSON: " + e.getMessage(), e);
        }
    }

    private List<ReportContent.Picture> pictures(String findingsUri) {
        String folder = findingsUri.substring(0, findingsUri.lastIndexOf('/') + 1) + "figures/";
        List<ReportContent.Picture> pictures = new ArrayList<>();
        for (String name : FIGURES) {
            objects.read(URI.create(folder + name)).ifPresent(png -> pictures.add(new ReportContent.Picture(
                    name.replace(".png", "").replace('-', ' '), png)));
        }
        return pictures;
    }

    /** The report's version: the next one when the findings changed since the last, else the same. */
    static Version version(Optional<DiagnosticReport> existing, String findingsId) {
        if (existing.isEmpty()) {
            return new Version(1, false, List.of());
        }
        DiagnosticReport last = existing.get();
        int number = last.getIdentifier().stream().filter(i -> Identifiers.REPORT_VERSION.equals(i.getSystem()))
                .map(i -> Integer.parseInt(i.getValue().substring(i.getValue().lastIndexOf('v') + 1)))
                .findFirst().orElse(1);
        boolean same = last.getIdentifier().stream().anyMatch(i -> Identifiers.FINDINGS.equals(i.getSystem())
                && findingsId.equals(i.getValue()));
        List<String> previous = last.getResult().stream().map(r -> r.getReferenceElement().getIdPart()).toList();
        return same ? new Version(number, last.getStatus() == DiagnosticReport.DiagnosticReportStatus.AMENDED,
                previous) : new Version(number + 1, true, previous);
    }

    /** Figures of the last version that the new findings no longer have (fewer cell types) are cancelled. */
    private void cancelStale(Transaction tx, Version version, Set<String> current) {
        for (String id : version.previousResults()) {
            Observation old = record.read(Observation.class, new IdType("Observation", id));
            Identifier key = old.getIdentifier().stream().filter(i -> Identifiers.FINDING.equals(i.getSystem()))
                    .findFirst().orElse(null);
            if (key != null && !current.contains(key.getValue())
                    && old.getStatus() != Observation.ObservationStatus.CANCELLED) {
                old.setStatus(Observation.ObservationStatus.CANCELLED);
                old.setId((String) null);
                old.setMeta(null);
                tx.upsert(old, key);
            }
        }
    }

    private static Observation observation(Finding f, Identifier id, Reference patient, Reference core,
            List<Reference> documents, Version version, Instant now) {
        Observation o = new Observation();
        o.addIdentifier(id.copy());
        o.setStatus(version.amended() ? Observation.ObservationStatus.AMENDED : Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(CodeSystems.OBSERVATION_CATEGORY,
                "qc".equals(f.source()) || "xray".equals(f.source()) ? "imaging" : "laboratory",
                "qc".equals(f.source()) || "xray".equals(f.source()) ? "Imaging" : "Laboratory")));
        o.setCode(new CodeableConcept(new Coding(CodeSystems.IXBI_FINDING, f.code(), f.display()))
                .setText(f.display()));
        o.setSubject(patient);
        o.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(now)));
        o.setIssued(Date.from(now));
        o.setValue(new Quantity().setValue(f.value()).setUnit(f.unit().isEmpty() ? f.ucum() : f.unit())
                .setSystem(CodeSystems.UCUM).setCode(f.ucum()));
        if (core != null) {
            o.setSpecimen(core);
        }
        o.setDerivedFrom(new ArrayList<>(documents));
        return o;
    }

    private static DiagnosticReport report(Identifier id, String caseId, String findingsId, Version version,
            Reference patient, java.util.Collection<Reference> specimens, List<Reference> results, String conclusion,
            byte[] pdf, Instant now) {
        DiagnosticReport r = new DiagnosticReport();
        r.addIdentifier(id.copy());
        r.addIdentifier(Identifiers.of(Identifiers.REPORT_VERSION, caseId + "/v" + version.number()));
        r.addIdentifier(Identifiers.of(Identifiers.FINDINGS, findingsId));
        r.setStatus(version.amended() ? DiagnosticReport.DiagnosticReportStatus.AMENDED
                : DiagnosticReport.DiagnosticReportStatus.FINAL);
        r.addCategory(new CodeableConcept(new Coding(CodeSystems.DIAGNOSTIC_SERVICE, "PAT",
                "Pathology (gross & histo)")));
        r.setCode(new CodeableConcept(new Coding(CodeSystems.LOINC, "11526-1", "Pathology study"))
                .setText("IXBI multi-scale imaging and spatial omics of a biopsy"));
        r.setSubject(patient);
        r.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(now)));
        r.setIssued(Date.from(now));
        r.addPerformer(new Reference().setType("Organization")
                .setIdentifier(Identifiers.of("https://ixbi.se/fhir/sid/organization", "ixbi"))
                .setDisplay("IXBI cluster (MAX IV, SciLifeLab, CIR)"));
        r.setSpecimen(new ArrayList<>(specimens));
        r.setResult(results);
        r.setConclusion(conclusion);
        r.addPresentedForm().setContentType("application/pdf").setLanguage("en").setData(pdf)
                .setTitle("IXBI report " + caseId + " v" + version.number()).setCreation(Date.from(now));
        return r;
    }

    /** @param previousResults ids of the Observations the last version reported */
    record Version(int number, boolean amended, List<String> previousResults) {
    }
}
