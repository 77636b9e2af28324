package se.ixbi.processes.errors;

import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns failures under {@code /api} into RFC 9457 problem details with a stable {@code code}. */
// the API's controllers only: the console's pages answer a browser with pages, not problem JSON
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler {

    @ExceptionHandler(IxbiException.class)
    ProblemDetail ixbi(IxbiException e) {
        return problem(e.code(), e.getMessage());
    }

    /**
     * Two changes to one case at the same moment (a scan arriving while the clinical record is written): the engine
     * keeps the first and refuses the second, which may simply be sent again.
     */
    @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
    ProblemDetail concurrent(org.camunda.bpm.engine.OptimisticLockingException e) {
        return problem(ErrorCode.CONCURRENT_UPDATE, "The case changed at the same moment; nothing of this request "
                + "was stored. Send it again.");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(ErrorCode.INVALID_REQUEST, detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(ErrorCode.MALFORMED_JSON, BodyProblems.describe(e.getCause()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(ErrorCode.INVALID_REQUEST, "Parameter '" + e.getName() + "' must be "
                + BodyProblems.kind(e.getRequiredType()) + ", not '" + e.getValue() + "'");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        ProblemDetail p = problem(ErrorCode.INVALID_REQUEST, "Send JSON with Content-Type: application/json");
        p.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        return p;
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail denied(RuntimeException e) {
        return problem(ErrorCode.FORBIDDEN, "Your role does not allow this operation");
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(code.status(), detail);
        p.setTitle(code.name());
        p.setProperty("code", code.name());
        return p;
    }
}
