package se.ixbi.fhirbridge.fhir;

/**
 * The server could not take the request now: unreachable, too slow, refusing the bridge's credentials (401/403),
 * a version conflict (412) or a server error (5xx). Retried with back-off; the last failure is an incident.
 */
class FhirUnavailableException extends RuntimeException {

    public FhirUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
