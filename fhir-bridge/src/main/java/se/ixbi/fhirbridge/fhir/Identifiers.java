package se.ixbi.fhirbridge.fhir;

import org.hl7.fhir.r4.model.Identifier;

/**
 * The identifier systems of IXBI. Every resource the bridge writes carries one, and is written conditionally on
 * it, so that a task delivered twice finds what the first delivery wrote instead of adding a second copy.
 */
public final class Identifiers {

    private static final String SID = "https://ixbi.se/fhir/sid/";

    /** ResearchSubject: the case id */
    public static final String CASE = SID + "case";
    /** Consent: the case id (one research consent per case) */
    public static final String CONSENT = SID + "consent";
    /** ResearchStudy: the use case */
    public static final String USE_CASE = SID + "use-case";
    /** Patient known to IXBI only by its pseudonym (a case registered without the bridge) */
    public static final String PSEUDONYM = SID + "pseudonym";
    /** Specimen: the barcode on the tube, cassette, slide or grid */
    public static final String SPECIMEN = SID + "specimen";
    /** Procedure: {@code <caseId>/biopsy} */
    public static final String PROCEDURE = SID + "procedure";
    /** DocumentReference: the dataset id */
    public static final String DATASET = SID + "dataset";
    /** DocumentReference: the dataset's SHA-256 (hex), as FHIR's own hash is SHA-1 */
    public static final String SHA256 = SID + "sha256";
    /** Observation: {@code <caseId>/<finding code>} */
    public static final String FINDING = SID + "finding";
    /** DiagnosticReport: the case id */
    public static final String REPORT = SID + "report";
    /** DiagnosticReport: {@code <caseId>/v<n>}, one more for each revised analysis */
    public static final String REPORT_VERSION = SID + "report-version";
    /** DiagnosticReport: the findings dataset the report was written from */
    public static final String FINDINGS = SID + "findings";
    /** Practitioner, as a logical reference: the IXBI user id of a member of staff */
    public static final String STAFF = SID + "staff";
    /** Provenance has no identifier in R4: the bridge tags it instead, and updates it by that tag */
    public static final String PROVENANCE_TAG = SID + "provenance";

    private Identifiers() {
    }

    public static Identifier of(String system, String value) {
        return new Identifier().setSystem(system).setValue(value);
    }

    /** The token search {@code system|value}, as used in conditional creates and updates. */
    public static String token(Identifier identifier) {
        return identifier.getSystem() + "|" + identifier.getValue();
    }
}
