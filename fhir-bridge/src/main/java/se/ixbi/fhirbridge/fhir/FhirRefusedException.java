package se.ixbi.fhirbridge.fhir;

/**
 * The server understood the request and refused its content (HTTP 400 or 422): sending it again cannot help, so
 * the process shows the server's reasons to a coordinator instead (BPMN error {@value #CODE}).
 */
public class FhirRefusedException extends RuntimeException {

    public static final String CODE = "FHIR_REFUSED";

    public FhirRefusedException(String message) {
        super(message);
    }
}
