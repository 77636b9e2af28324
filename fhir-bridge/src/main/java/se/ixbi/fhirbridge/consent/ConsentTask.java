package se.ixbi.fhirbridge.consent;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.engine.CaseFile;
import se.ixbi.fhirbridge.engine.EngineClient;
import se.ixbi.fhirbridge.fhir.ClinicalRecord;
import se.ixbi.fhirbridge.fhir.CodeSystems;
import se.ixbi.fhirbridge.fhir.Identifiers;
import se.ixbi.fhirbridge.fhir.Provenances;
import se.ixbi.fhirbridge.fhir.Transaction;
import se.ixbi.fhirbridge.pseudonym.PatientResources;
import se.ixbi.fhirbridge.tasks.ClinicalRecordTask;
import se.ixbi.fhirbridge.tasks.TaskInput;

/**
 * {@code fhir.consent}: the research consent as the engine recorded it, in the clinical record. After the form it
 * is {@code active} (or {@code rejected}); after a withdrawal the same Consent becomes {@code inactive}, its
 * provision ends that day, and the ResearchSubject is {@code withdrawn}.
 */
@Component
class ConsentTask implements ClinicalRecordTask {

    /** what each consent scope of the form covers, in the order of the form */
    static final List<String[]> SCOPES = List.of(
            new String[] {"xray", "xray", "Phase-contrast X-ray imaging of the biopsy"},
            new String[] {"vem", "vem", "Volume electron microscopy"},
            new String[] {"omics", "omics", "Spatial omics (transcriptomics, proteomics, mass spectrometry imaging)"},
            new String[] {"dataSharing", "data-sharing", "Sharing pseudonymised data with research partners"},
            new String[] {"futureResearch", "future-research", "Use of data and material in future research"});

    private final EngineClient engine;
    private final ClinicalRecord record;
    private final PatientResources patients;
    private final Clock clock;

    ConsentTask(EngineClient engine, ClinicalRecord record, PatientResources patients, Clock clock) {
        this.engine = engine;
        this.record = record;
        this.patients = patients;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return "fhir.consent";
    }

    @Override
    public Map<String, Object> write(TaskInput task) {
        String caseId = task.caseId();
        CaseFile file = engine.caseFile(caseId);
        CaseFile.Consent consent = file.consent();
        if (consent == null) {
            // withdrawn before any consent was recorded: the clinical record holds nothing to update
            return Map.of("fhirConsentStatus", "not-recorded");
        }
        Consent.ConsentState status = consent.withdrawnAt() != null ? Consent.ConsentState.INACTIVE
                : "GRANTED".equals(consent.decision()) ? Consent.ConsentState.ACTIVE : Consent.ConsentState.REJECTED;
        LocalDate signed = task.date("consentSignedOn");
        LocalDate withdrawn = consent.withdrawnAt() == null ? null
                : consent.withdrawnAt().atZone(ZoneOffset.UTC).toLocalDate();

        Transaction tx = new Transaction();
        Reference patient = patients.add(tx, file.pseudonym());
        Identifier studyId = Identifiers.of(Identifiers.USE_CASE, file.useCase());
        Reference study = tx.findOrCreate(study(studyId, file.useCase()), studyId);
        Identifier consentId = Identifiers.of(Identifiers.CONSENT, caseId);
        Reference consentRef = tx.upsert(consent(consentId, status, consent, patient,
                task.string("consentObtainedBy"), signed, withdrawn), consentId);
        Identifier subjectId = Identifiers.of(Identifiers.CASE, caseId);
        tx.upsert(subject(subjectId, status, patient, study, consentRef, signed, withdrawn), subjectId);
        Provenances.stamp(tx, "fhir.consent/" + caseId, status == Consent.ConsentState.INACTIVE
                        ? "research consent withdrawn in IXBI" : "research consent recorded in IXBI",
                List.of(new Reference().setDisplay("IXBI consent form " + consent.version())), clock.instant());

        List<IdType> ids = record.transact(tx, "the consent of case " + caseId);
        return Map.of("fhirConsentId", ids.get(2).getValue(), "fhirResearchSubjectId", ids.get(3).getValue(),
                "fhirConsentStatus", status.toCode());
    }

    private static ResearchStudy study(Identifier id, String useCase) {
        ResearchStudy study = new ResearchStudy();
        study.addIdentifier(id.copy());
        study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
        study.setTitle("IXBI multi-scale imaging: " + useCase);
        study.setDescription("Image-guided biopsy, phase-contrast X-ray tomography, volume electron microscopy and "
                + "spatial omics of the biopsy, fused by AI-driven analysis (IXBI cluster)");
        return study;
    }

    static Consent consent(Identifier id, Consent.ConsentState status, CaseFile.Consent recorded, Reference patient,
            String obtainedBy, LocalDate signed, LocalDate withdrawn) {
        Consent c = new Consent();
        c.addIdentifier(id.copy());
        c.setStatus(status);
        c.setScope(concept(CodeSystems.CONSENT_SCOPE, "research", "Research"));
        c.addCategory(concept(CodeSystems.LOINC, "59284-0", "Patient Consent"));
        c.addCategory(concept(CodeSystems.CONSENT_CATEGORY, "research", "Research Information Access"));
        c.setPatient(patient);
        if (signed != null) {
            c.setDateTimeElement(new DateTimeType(signed.toString()));
        }
        c.addPerformer(patient);
        if (obtainedBy != null) {
            c.addPerformer(new Reference().setType("Practitioner")
                    .setIdentifier(Identifiers.of(Identifiers.STAFF, obtainedBy)).setDisplay(obtainedBy));
        }
        c.addOrganization(new Reference().setType("Organization")
                .setIdentifier(Identifiers.of("https://ixbi.se/fhir/sid/organization", "ixbi"))
                .setDisplay("IXBI cluster (MAX IV, SciLifeLab, CIR)"));
        c.addPolicy().setAuthority("https://ixbi.se").setUri("https://ixbi.se/consent/forms/" + recorded.version());
        Consent.ProvisionComponent provision = c.getProvision();
        boolean granted = "GRANTED".equals(recorded.decision());
        provision.setType(granted ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
        Period period = new Period();
        if (signed != null) {
            period.setStartElement(new DateTimeType(signed.toString()));
        }
        if (withdrawn != null) {
            period.setEndElement(new DateTimeType(withdrawn.toString()));
        }
        provision.setPeriod(period);
        provision.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HRESCH",
                "healthcare research"));
        Map<String, Boolean> scopes = recorded.scopes() == null ? Map.of() : recorded.scopes();
        for (String[] scope : SCOPES) {
            boolean permitted = granted && Boolean.TRUE.equals(scopes.get(scope[0]));
            provision.addProvision()
                    .setType(permitted ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY)
                    .addCode(concept(CodeSystems.IXBI_CONSENT_PROVISION, scope[1], scope[2]));
        }
        return c;
    }

    private static ResearchSubject subject(Identifier id, Consent.ConsentState status, Reference patient,
            Reference study, Reference consent, LocalDate signed, LocalDate withdrawn) {
        ResearchSubject s = new ResearchSubject();
        s.addIdentifier(id.copy());
        s.setStatus(switch (status) {
            case INACTIVE -> ResearchSubject.ResearchSubjectStatus.WITHDRAWN;
            case ACTIVE -> ResearchSubject.ResearchSubjectStatus.ONSTUDY;
            default -> ResearchSubject.ResearchSubjectStatus.NOTREGISTERED;
        });
        Period period = new Period();
        if (signed != null) {
            period.setStartElement(new DateTimeType(signed.toString()));
        }
        if (withdrawn != null) {
            period.setEndElement(new DateTimeType(withdrawn.toString()));
        }
        s.setPeriod(period);
        s.setStudy(study);
        s.setIndividual(patient);
        s.setConsent(consent);
        return s;
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
