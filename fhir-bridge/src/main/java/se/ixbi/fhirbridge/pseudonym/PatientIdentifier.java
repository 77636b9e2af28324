package se.ixbi.fhirbridge.pseudonym;

/**
 * The patient as the hospital identifies them: a FHIR identifier system (e.g. the Swedish personal identity
 * number, {@code http://electronichealth.se/identifier/personnummer}) and value. Only the bridge's store and the
 * hospital's server ever hold it.
 */
public record PatientIdentifier(String system, String value) {

    @Override
    public String toString() {
        // a value in a log line or an exception message would leak the patient's identity
        return "PatientIdentifier[system=" + system + ", value=***]";
    }
}
