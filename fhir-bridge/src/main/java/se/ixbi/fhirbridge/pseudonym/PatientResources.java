package se.ixbi.fhirbridge.pseudonym;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import se.ixbi.fhirbridge.fhir.Identifiers;
import se.ixbi.fhirbridge.fhir.Transaction;

/**
 * The patient of a case in a transaction: the hospital's patient, found by the identifier in the bridge's store;
 * or, for a case registered without the bridge, a patient known only by the pseudonym, which the clinic can link
 * to the person later. Found if it exists, created (with nothing but that identifier) if not.
 */
@Component
public class PatientResources {

    private final PatientLinks links;

    PatientResources(PatientLinks links) {
        this.links = links;
    }

    public Reference add(Transaction tx, String pseudonym) {
        Identifier identifier = links.byPseudonym(pseudonym)
                .map(l -> Identifiers.of(l.patient().system(), l.patient().value()))
                .orElseGet(() -> Identifiers.of(Identifiers.PSEUDONYM, pseudonym));
        Patient patient = new Patient();
        patient.addIdentifier(identifier.copy());
        return tx.findOrCreate(patient, identifier);
    }
}
