package se.ixbi.processes.errors;

import org.springframework.http.HttpStatus;

/**
 * Stable error codes. The same code is the API error {@code code}, the prefix of an engine error message and,
 * for business failures, the BPMN error code that the models catch.
 */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST),
    PATIENT_IDENTIFIER(HttpStatus.BAD_REQUEST),
    INVALID_SPECIMEN(HttpStatus.BAD_REQUEST),
    CONSENT_INVALID(HttpStatus.BAD_REQUEST),
    UNKNOWN_USE_CASE(HttpStatus.BAD_REQUEST),
    CASE_NOT_FOUND(HttpStatus.NOT_FOUND),
    SPECIMEN_NOT_FOUND(HttpStatus.NOT_FOUND),
    DATASET_NOT_FOUND(HttpStatus.NOT_FOUND),
    DUPLICATE_BARCODE(HttpStatus.CONFLICT),
    DUPLICATE_PSEUDONYM(HttpStatus.CONFLICT),
    DUPLICATE_DATASET(HttpStatus.CONFLICT),
    NOT_WAITING(HttpStatus.CONFLICT),
    ALREADY_RECEIVED(HttpStatus.CONFLICT),
    CASE_CLOSED(HttpStatus.CONFLICT),
    CONCURRENT_UPDATE(HttpStatus.CONFLICT),
    FORBIDDEN(HttpStatus.FORBIDDEN);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
