package se.ixbi.fhirbridge.inbound;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rest-hook of the bridge's FHIR Subscription. With a payload, HAPI (and the R4 rest-hook convention) sends
 * the changed resource as an update to {@code <endpoint>/Consent/<id>}; a plain POST to the endpoint carries it
 * too. Unauthenticated, malformed or foreign payloads are refused with the reason and change nothing.
 */
@RestController
@RequestMapping("/fhir-events")
class ConsentEventController {

    private final InboundSecret secret;
    private final ConsentEvents events;
    private final FhirContext fhir;

    ConsentEventController(InboundSecret secret, ConsentEvents events, FhirContext fhir) {
        this.secret = secret;
        this.events = events;
        this.fhir = fhir;
    }

    @PutMapping("/Consent/{id}")
    ResponseEntity<?> updated(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String id, @RequestBody(required = false) String body) {
        return receive(authorization, body, "Consent/" + id);
    }

    @PostMapping({"", "/Consent"})
    ResponseEntity<?> posted(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) String body) {
        return receive(authorization, body, null);
    }

    private ResponseEntity<?> receive(String authorization, String body, String path) {
        if (!secret.accepts(authorization)) {
            return problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "a consent event needs the bridge's bearer secret");
        }
        if (body == null || body.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "MALFORMED_EVENT",
                    "the notification carries no resource: the Subscription needs payload application/fhir+json");
        }
        IBaseResource resource;
        try {
            resource = fhir.newJsonParser().parseResource(body);
        } catch (DataFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "MALFORMED_EVENT", "not a FHIR JSON resource: " + e.getMessage());
        }
        if (!(resource instanceof Consent consent)) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "UNKNOWN_EVENT",
                    "only Consent changes are handled, not " + resource.fhirType());
        }
        String source = path != null ? path : "Consent/" + consent.getIdElement().getIdPart();
        ConsentEvents.Outcome outcome = events.handle(consent, source);
        return switch (outcome) {
            case NOT_IXBI -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "UNKNOWN_EVENT",
                    "the Consent has no IXBI consent identifier: it is not one the bridge wrote");
            case UNKNOWN_CASE -> problem(HttpStatus.NOT_FOUND, "CASE_NOT_FOUND",
                    "the Consent names a case the engine does not know");
            default -> ResponseEntity.ok(Map.of("outcome", outcome.name()));
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
