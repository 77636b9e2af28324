package se.ixbi.fhirbridge.registration;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import se.ixbi.fhirbridge.engine.EngineClient;
import se.ixbi.fhirbridge.pseudonym.PatientLinks;
import se.ixbi.fhirbridge.pseudonym.Pseudonyms;

/**
 * {@code POST /cases}: the clinic registers a case for a patient. The bridge makes the pseudonym, registers the
 * case with the engine under that pseudonym alone, with the caller's own credentials (so the engine decides who
 * may, and its audit trail names the person), and keeps the link. The answer names the case and the pseudonym,
 * never the patient.
 */
@RestController
class CaseRegistrationController {

    private static final Logger log = LoggerFactory.getLogger(CaseRegistrationController.class);

    private final Pseudonyms pseudonyms;
    private final PatientLinks links;
    private final EngineClient engine;

    CaseRegistrationController(Pseudonyms pseudonyms, PatientLinks links, EngineClient engine) {
        this.pseudonyms = pseudonyms;
        this.links = links;
        this.engine = engine;
    }

    @PostMapping(path = "/cases", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> register(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody ClinicRegistration registration) {
        if (authorization == null || authorization.isBlank()) {
            return problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "registering a case needs the credentials of a coordinator");
        }
        String invalid = invalid(registration);
        if (invalid != null) {
            return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", invalid);
        }
        String pseudonym = pseudonyms.of(registration.patient(), registration.useCase(), registration.order());
        var known = links.byPseudonym(pseudonym).filter(l -> l.caseId() != null);
        if (known.isPresent()) {
            return ResponseEntity.ok(answer(known.get().caseId(), pseudonym, false));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("useCase", registration.useCase());
        body.put("pseudonym", pseudonym);
        if (registration.targetResolutionUm() != null) {
            body.put("targetResolutionUm", registration.targetResolutionUm());
        }
        EngineClient.Answer answer = engine.registerCase(authorization, body);
        String caseId;
        if (answer.status() == 201) {
            caseId = field(answer.body(), "id");
        } else if (answer.status() == 409 && answer.body().contains("DUPLICATE_PSEUDONYM")) {
            // registered before, but the bridge stopped before it kept the link: the same request finds it again
            caseId = caseOf(authorization, pseudonym);
        } else {
            return ResponseEntity.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType()))
                    .body(answer.body());
        }
        links.link(pseudonym, registration.patient(), registration.useCase());
        links.caseRegistered(pseudonym, caseId);
        log.info("case {} registered from the clinic under pseudonym {}", caseId, pseudonym);
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(answer(caseId, pseudonym, true));
    }

    private String caseOf(String authorization, String pseudonym) {
        EngineClient.Answer cases = engine.listCases(authorization);
        try {
            for (JsonNode c : EngineClient.read(cases.body(), JsonNode.class)) {
                if (pseudonym.equals(c.path("pseudonym").asText())) {
                    return c.path("id").asText();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the engine's case list is not JSON", e);
        }
        throw new IllegalStateException("the engine has a case for pseudonym " + pseudonym + " but does not list it");
    }

    private static String invalid(ClinicRegistration r) {
        if (r == null || r.useCase() == null || !r.useCase().matches("[a-z0-9][a-z0-9-]{1,63}")) {
            return "useCase must be 2-64 lower-case letters, digits or dashes";
        }
        if (r.patient() == null || r.patient().system() == null || r.patient().value() == null
                || r.patient().value().isBlank()) {
            return "patient needs an identifier system and value";
        }
        if (!r.patient().system().matches("(https?|urn):\\S{3,250}")) {
            return "patient.system must be a URI (http, https or urn)";
        }
        if (r.patient().value().length() > 64) {
            return "patient.value may be at most 64 characters";
        }
        if (r.order() != null && r.order().length() > 128) {
            return "order may be at most 128 characters";
        }
        return null;
    }

    private static Map<String, Object> answer(String caseId, String pseudonym, boolean registered) {
        return Map.of("caseId", caseId, "pseudonym", pseudonym, "registered", registered);
    }

    private static String field(String json, String name) {
        try {
            return EngineClient.read(json, JsonNode.class).path(name).asText();
        } catch (IOException e) {
            throw new IllegalStateException("the engine's answer is not JSON", e);
        }
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
