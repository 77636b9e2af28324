package se.ixbi.processes.errors;

/** A failure the caller can act on: it carries a stable code and a sentence that says what was wrong. */
public class IxbiException extends RuntimeException {

    private final ErrorCode code;

    public IxbiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
