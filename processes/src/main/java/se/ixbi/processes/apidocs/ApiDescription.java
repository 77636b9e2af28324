package se.ixbi.processes.apidocs;

import java.util.Arrays;
import java.util.Map;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of {@code /api}: titled and versioned, with the way in of the identity mode the engine
 * runs in, and on every operation the refusals it can answer, each a problem (RFC 9457) with a stable {@code code}.
 */
@Configuration
class ApiDescription {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI ixbiApi(@Value("${ixbi.api.version:0.1.0}") String version,
            @Value("${ixbi.identity.mode:demo}") String identityMode) {
        boolean keycloak = "keycloak".equalsIgnoreCase(identityMode);
        String scheme = keycloak ? "bearer" : "basic";
        return new OpenAPI()
                .info(new Info().title("IXBI workflow platform API").version(version).description(
                        "Cases, specimens, custody, raw data uploads and consent withdrawal of the IXBI platform. "
                                + "Every endpoint needs a role; refusals are problem details with a stable code "
                                + "(docs/api.md)."))
                .components(new Components()
                        .addSecuritySchemes(scheme, keycloak
                                ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                        .bearerFormat("JWT").description("An access token of the IXBI realm")
                                : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                        .description("The demo users: one per role, password = user name"))
                        .addSchemas(PROBLEM, problem()))
                .addSecurityItem(new SecurityRequirement().addList(scheme));
    }

    /** Each operation's refusals, from what it takes: a body or parameters (400), a path (404), a change (409). */
    @Bean
    OperationCustomizer refusals() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses();
            if (accepts(handler, RequestBody.class) || accepts(handler, RequestParam.class)) {
                responses.putIfAbsent("400", refusal("The request is malformed or a value is invalid: the detail "
                        + "names the field (INVALID_REQUEST, MALFORMED_JSON, UNKNOWN_USE_CASE, …)"));
            }
            responses.putIfAbsent("401", refusal("No credentials, or wrong ones (UNAUTHORIZED)"));
            responses.putIfAbsent("403", refusal("Your role does not allow this operation (FORBIDDEN)"));
            if (accepts(handler, PathVariable.class)) {
                responses.putIfAbsent("404", refusal("No such case, specimen or dataset (CASE_NOT_FOUND, …)"));
            }
            if (handler.hasMethodAnnotation(PostMapping.class)) {
                responses.putIfAbsent("409", refusal("The case is not waiting for this now, or it exists already "
                        + "(NOT_WAITING, DUPLICATE_…, CONCURRENT_UPDATE)"));
            }
            return operation;
        };
    }

    private static boolean accepts(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> kind) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(kind));
    }

    private static ApiResponse refusal(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
                        + PROBLEM))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problem() {
        return new ObjectSchema().description("A refusal (RFC 9457)").properties(Map.of(
                "type", new StringSchema().example("about:blank"),
                "title", new StringSchema().example("NOT_WAITING"),
                "status", new IntegerSchema().example(409),
                "code", new StringSchema().description("stable, for programs to act on").example("NOT_WAITING"),
                "detail", new StringSchema().description("the reason, in words")
                        .example("Case IXBI-2026-000001 is not waiting for RawDataUploaded at this stage"),
                "instance", new StringSchema().example("/api/cases/IXBI-2026-000001/datasets")));
    }
}
