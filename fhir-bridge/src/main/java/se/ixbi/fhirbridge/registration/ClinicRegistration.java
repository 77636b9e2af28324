package se.ixbi.fhirbridge.registration;

import se.ixbi.fhirbridge.pseudonym.PatientIdentifier;

/**
 * A case the clinic registers for a patient.
 *
 * @param useCase the pathology use case, e.g. {@code liver-fibrosis}
 * @param patient the patient's identifier in the hospital (system and value)
 * @param order the clinic's order or referral this biopsy belongs to; a second biopsy of the same patient in the
 *     same use case needs another order, and the same order sent twice registers one case
 * @param targetResolutionUm the X-ray target resolution, if not the default
 */
record ClinicRegistration(String useCase, PatientIdentifier patient, String order, Double targetResolutionUm) {
}
