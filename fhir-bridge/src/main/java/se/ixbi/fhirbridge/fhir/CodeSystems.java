package se.ixbi.fhirbridge.fhir;

/** Code systems the mapping uses: external ones by their canonical URL, and IXBI's own where none fits. */
public final class CodeSystems {

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String CONSENT_CATEGORY = "http://terminology.hl7.org/CodeSystem/consentcategorycodes";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public static final String PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    public static final String DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

    private static final String IXBI = "https://ixbi.se/fhir/CodeSystem/";
    /** what a consent provision covers: xray, vem, omics, data-sharing, future-research */
    public static final String IXBI_CONSENT_PROVISION = IXBI + "consent-provision";
    /** core, block, section, lamella */
    public static final String IXBI_SPECIMEN_KIND = IXBI + "specimen-kind";
    /** the findings reported as Observations */
    public static final String IXBI_FINDING = IXBI + "finding";
    /** XRAY, VEM, OMICS, FUSION */
    public static final String IXBI_MODALITY = IXBI + "modality";
    /** RAW, RECONSTRUCTED, REGISTERED, ANALYSED */
    public static final String IXBI_DATA_LEVEL = IXBI + "data-level";

    private CodeSystems() {
    }
}
