package se.ixbi.fhirbridge.engine;

/** The engine could not be asked; what depends on it is retried or answered with 503. */
class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
