package se.ixbi.fhirbridge.procedure;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.engine.CaseFile;
import se.ixbi.fhirbridge.engine.EngineClient;
import se.ixbi.fhirbridge.fhir.ClinicalRecord;
import se.ixbi.fhirbridge.fhir.CodeSystems;
import se.ixbi.fhirbridge.fhir.Identifiers;
import se.ixbi.fhirbridge.fhir.Provenances;
import se.ixbi.fhirbridge.fhir.Transaction;
import se.ixbi.fhirbridge.pseudonym.PatientResources;
import se.ixbi.fhirbridge.specimen.SpecimenResources;
import se.ixbi.fhirbridge.tasks.ClinicalRecordTask;
import se.ixbi.fhirbridge.tasks.TaskInput;

/**
 * {@code fhir.procedure}: the image-guided biopsy as a Procedure (what, guided by which imaging, where in the
 * body, by whom, when) and the cores it collected as Specimens.
 */
@Component
class ProcedureTask implements ClinicalRecordTask {

    private static final Map<String, String> GUIDANCE = Map.of("MRI", "MR", "CT", "CT", "PET", "PT", "US", "US");

    private final EngineClient engine;
    private final ClinicalRecord record;
    private final PatientResources patients;
    private final Clock clock;

    ProcedureTask(EngineClient engine, ClinicalRecord record, PatientResources patients, Clock clock) {
        this.engine = engine;
        this.record = record;
        this.patients = patients;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return "fhir.procedure";
    }

    @Override
    public Map<String, Object> write(TaskInput task) {
        String caseId = task.caseId();
        CaseFile file = engine.caseFile(caseId);
        Transaction tx = new Transaction();
        Reference patient = patients.add(tx, file.pseudonym());
        Reference performer = staff(task.string("biopsyRecordedBy"));
        LocalDate date = task.date("biopsyDate");
        CodeableConcept site = BodySites.of(task.string("tissueType"), task.string("biopsyTarget"));
        Identifier id = Identifiers.of(Identifiers.PROCEDURE, caseId + "/biopsy");
        tx.upsert(procedure(id, patient, performer, date, site, task.string("guidanceModality")), id);
        Map<String, Reference> specimens = SpecimenResources.add(tx, file.specimens(), patient,
                new SpecimenResources.Collection(performer, date == null ? null : date.toString(), site,
                        task.string("fixation")));
        Provenances.stamp(tx, "fhir.procedure/" + caseId, "image-guided biopsy recorded in IXBI",
                List.of(new Reference().setDisplay("IXBI biopsy record form")), clock.instant());

        List<IdType> ids = record.transact(tx, "the biopsy of case " + caseId);
        List<String> specimenIds = new ArrayList<>();
        for (int i = 0; i < specimens.size(); i++) {
            specimenIds.add(ids.get(2 + i).getValue());
        }
        return Map.of("fhirProcedureId", ids.get(1).getValue(), "fhirSpecimenIds", String.join(",", specimenIds));
    }

    private static Procedure procedure(Identifier id, Reference patient, Reference performer, LocalDate date,
            CodeableConcept site, String guidance) {
        Procedure p = new Procedure();
        p.addIdentifier(id.copy());
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCategory(new CodeableConcept(new Coding(CodeSystems.SNOMED, "103693007", "Diagnostic procedure")));
        p.setCode(new CodeableConcept(new Coding(CodeSystems.SNOMED, "86273004", "Biopsy"))
                .setText((guidance == null ? "Image-guided" : guidance + "-guided") + " biopsy for IXBI"));
        p.setSubject(patient);
        if (date != null) {
            p.setPerformed(new DateTimeType(date.toString()));
        }
        if (performer != null) {
            p.addPerformer().setActor(performer)
                    .setFunction(new CodeableConcept().setText("performed and recorded the biopsy"));
        }
        p.addBodySite(site);
        if (guidance != null) {
            String dicom = GUIDANCE.getOrDefault(guidance, guidance);
            p.addUsedCode(new CodeableConcept(new Coding(CodeSystems.DICOM, dicom, guidance))
                    .setText("imaging guidance: " + guidance));
        }
        return p;
    }

    static Reference staff(String userId) {
        return userId == null ? null : new Reference().setType("Practitioner")
                .setIdentifier(Identifiers.of(Identifiers.STAFF, userId)).setDisplay(userId);
    }
}
