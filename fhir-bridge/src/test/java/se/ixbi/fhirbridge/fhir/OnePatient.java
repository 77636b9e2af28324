package se.ixbi.fhirbridge.fhir;

import org.hl7.fhir.r4.model.Patient;

/** The smallest transaction the bridge sends: find or create one pseudonymous patient. */
final class OnePatient {

    private OnePatient() {
    }

    static Transaction transaction() {
        Transaction tx = new Transaction();
        Patient patient = new Patient();
        patient.addIdentifier(Identifiers.of(Identifiers.PSEUDONYM, "PSN-TEST"));
        tx.findOrCreate(patient, Identifiers.of(Identifiers.PSEUDONYM, "PSN-TEST"));
        return tx;
    }
}
