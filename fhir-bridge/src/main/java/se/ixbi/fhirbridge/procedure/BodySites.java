package se.ixbi.fhirbridge.procedure;

import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import se.ixbi.fhirbridge.fhir.CodeSystems;

/** The biopsy form's tissue types as SNOMED CT body structures; the clinician's target stays as text. */
final class BodySites {

    private static final Map<String, String[]> SNOMED = Map.of(
            "liver", new String[] {"10200004", "Liver structure"},
            "kidney", new String[] {"64033007", "Kidney structure"},
            "lung", new String[] {"39607008", "Lung structure"},
            "breast", new String[] {"76752008", "Breast structure"},
            "prostate", new String[] {"41216001", "Prostatic structure"},
            "brain", new String[] {"12738006", "Brain structure"},
            "lymph-node", new String[] {"59441001", "Structure of lymph node"},
            "bone", new String[] {"272673000", "Bone structure"},
            "soft-tissue", new String[] {"87784001", "Soft tissues"});

    private BodySites() {
    }

    public static CodeableConcept of(String tissueType, String target) {
        CodeableConcept site = new CodeableConcept();
        String[] code = tissueType == null ? null : SNOMED.get(tissueType);
        if (code != null) {
            site.addCoding(new Coding(CodeSystems.SNOMED, code[0], code[1]));
        }
        site.setText(target != null ? target : tissueType);
        return site;
    }
}
