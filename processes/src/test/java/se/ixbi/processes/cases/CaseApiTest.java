package se.ixbi.processes.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** {@code /api/cases} over HTTP: roles, validation, stable error codes, and no change on a refused request. */
@IxbiTest
class CaseApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    @Test
    void theCaseListTakesItsDocumentedFiltersAndRefusesOthers() {
        String atConsent = CaseDriver.pseudonym();
        assertThat(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"" + atConsent + "\"}").status()).isEqualTo(201);

        Response consent = api.get("coordinator", "/api/cases?status=ACTIVE&stage=CONSENT");
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.json().findValuesAsText("stage")).isNotEmpty().containsOnly("CONSENT");
        assertThat(consent.json().findValuesAsText("pseudonym")).contains(atConsent);
        assertThat(api.get("coordinator", "/api/cases?stage=ANALYSIS").json().findValuesAsText("pseudonym"))
                .doesNotContain(atConsent);
        expect(api.get("coordinator", "/api/cases?stag=CONSENT"), 400, "INVALID_REQUEST",
                "Unknown query parameter stag; this endpoint takes stage, status");
        expect(api.get("coordinator", "/api/cases?stage=LUNCH"), 400, "INVALID_REQUEST", "stage");
    }

    @Test
    void withoutCredentialsTheAnswerIsAProblemLikeEveryOtherRefusal() {
        var anonymous = rest.getForEntity("/api/cases", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(String.valueOf(anonymous.getHeaders().getContentType())).startsWith("application/problem+json");
        assertThat(anonymous.getBody()).contains("\"code\":\"UNAUTHORIZED\"", "\"status\":401", "Sign in first");
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Basic realm=\"IXBI\"");
    }

    private int cases() {
        return jdbc.queryForObject("select count(*) from ixbi_case", Integer.class);
    }

    @Test
    void aCoordinatorRegistersACaseAndSeesItWaitForTheClinicianConsent() {
        String pseudonym = CaseDriver.pseudonym();
        Response created = api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"" + pseudonym + "\",\"targetResolutionUm\":2.0}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(id).matches("IXBI-\\d{4}-\\d{6}");
        assertThat(created.headers().getLocation()).hasToString("/api/cases/" + id);
        assertThat(created.json().path("processInstanceId").asText()).isNotBlank();

        Response details = api.get("coordinator", "/api/cases/" + id);
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().path("stage").asText()).isEqualTo("CONSENT");
        assertThat(details.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(details.json().path("targetResolutionUm").asDouble()).isEqualTo(2.0);
        assertThat(details.json().path("openTasks").get(0).path("name").asText()).isEqualTo("Obtain research consent");
        assertThat(details.json().path("openTasks").get(0).path("candidateGroups").get(0).asText())
                .isEqualTo("clinician");

        Response list = api.get("auditor", "/api/cases?status=ACTIVE");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id);
    }

    @Test
    void withoutCredentialsOnlyHealthAnswers() {
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(api.get(null, "/api/cases").status()).isEqualTo(401);
        assertThat(api.get(null, "/v3/api-docs").status()).isEqualTo(401);
        assertThat(api.get(null, "/engine-rest/task").status()).isEqualTo(401);
        assertThat(api.as("coordinator", org.springframework.http.HttpMethod.GET, "/api/cases", null).status())
                .isEqualTo(200);
        // a wrong password would lock a real user out for seconds (the engine's brute-force guard)
        assertThat(rest.withBasicAuth("mallory", "guess").getForEntity("/api/cases", String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void onlyCoordinatorsRegisterCases() {
        int before = cases();
        for (String user : new String[] {"clinician", "auditor", "operator"}) {
            Response r = api.post(user, "/api/cases",
                    "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"" + CaseDriver.pseudonym() + "\"}");
            assertThat(r.status()).as(user).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        }
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void badRegistrationsAreRefusedWithAReasonAndCreateNothing() {
        String taken = CaseDriver.pseudonym();
        assertThat(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"" + taken + "\"}").status()).isEqualTo(201);
        int before = cases();

        expect(api.post("coordinator", "/api/cases", "{\"useCase\":\"liver"), 400, "MALFORMED_JSON", "not valid JSON");
        expect(api.post("coordinator", "/api/cases", "{\"pseudonym\":\"PSN-1234\"}"), 400, "INVALID_REQUEST",
                "useCase");
        expect(api.post("coordinator", "/api/cases", "{\"useCase\":\"Liver Fibrosis\",\"pseudonym\":\"PSN-1234\"}"),
                400, "INVALID_REQUEST", "lower-case");
        expect(api.post("coordinator", "/api/cases", "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"P9\"}"), 400,
                "INVALID_REQUEST", "pseudonym");
        expect(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"PSN-12345\",\"targetResolutionUm\":0.01}"), 400,
                "INVALID_REQUEST", "targetResolutionUm");
        expect(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"PSN-12345\",\"patientName\":\"Anna\"}"), 400,
                "MALFORMED_JSON", "patientName");
        expect(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"198501011234\"}"), 400,
                "PATIENT_IDENTIFIER", "personal identity number");
        expect(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"P-850101-1234\"}"), 400,
                "PATIENT_IDENTIFIER", "personal identity number");
        expect(api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"" + taken + "\"}"), 409,
                "DUPLICATE_PSEUDONYM", taken);
        // a use case the catalogue does not offer: the answer lists those it does
        expect(api.post("coordinator", "/api/cases", "{\"useCase\":\"banana\",\"pseudonym\":\"PSN-B4N4N4\"}"),
                400, "UNKNOWN_USE_CASE", "No use case banana: a case is registered for one of liver-fibrosis,"
                        + " lung-adenocarcinoma, kidney-transplant-rejection, prostate-cancer-grading");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void anUnknownCaseIsNotFound() {
        expect(api.get("coordinator", "/api/cases/IXBI-1999-999999"), 404, "CASE_NOT_FOUND", "IXBI-1999-999999");
        expect(api.get("coordinator", "/api/cases?status=HAPPY"), 400, "INVALID_REQUEST", "status");
    }

    @Test
    void theOpenApiDescriptionListsTheDomainApiWithItsWayInAndItsRefusals() {
        Response docs = api.get("auditor", "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode d = docs.json();
        assertThat(d.path("info").path("title").asText()).isEqualTo("IXBI workflow platform API");
        assertThat(d.path("info").path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(d.path("components").path("securitySchemes").path("basic").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(d.path("security").get(0).has("basic")).isTrue();
        JsonNode paths = d.path("paths");
        assertThat(paths.has("/api/specimens/{barcode}/custody-events")).isTrue();
        JsonNode register = paths.path("/api/cases").path("post").path("responses");
        assertThat(register.has("201")).isTrue();
        assertThat(register.has("200")).as("a registered case is 201, not 200").isFalse();
        assertThat(register.path("400").path("content").path("application/problem+json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(register.has("401") && register.has("403") && register.has("409")).isTrue();
        assertThat(paths.path("/api/cases/{caseId}").path("get").path("responses").has("404")).isTrue();
        assertThat(paths.path("/api/cases/{caseId}/datasets").path("post").path("responses").has("201")).isTrue();
        assertThat(d.path("components").path("schemas").path("Problem").path("properties").has("code")).isTrue();
    }

    @Test
    void aRefusalNamesTheFieldAndWhatItTakesInTheApisWordsNotJavas() {
        // CaseDriver's pseudonyms: a run of digits could spell a personal identity number, which is refused
        Response registered = api.post("coordinator", "/api/cases",
                "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"" + CaseDriver.pseudonym() + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String caseId = registered.json().path("id").asText();
        Response modality = api.post("operator", "/api/cases/" + caseId + "/datasets", "{\"modality\":\"BANANA\","
                + "\"specimenBarcode\":\"CX0001\",\"uri\":\"s3://ixbi/x\",\"sha256\":\"" + "ab".repeat(32)
                + "\",\"sizeBytes\":1}");
        expect(modality, 400, "MALFORMED_JSON", "'modality' must be one of XRAY, VEM, OMICS, FUSION, not 'BANANA'");
        expect(api.post("coordinator", "/api/cases", "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"PSN-X\","
                + "\"targetResolutionUm\":\"fine\"}"), 400, "MALFORMED_JSON",
                "'targetResolutionUm' must be a number, not 'fine'");
        expect(api.post("coordinator", "/api/cases", "{\"useCase\": "), 400, "MALFORMED_JSON",
                "The request body is not valid JSON (line 1");
        expect(api.get("coordinator", "/api/cases?status=HAPPY"), 400, "INVALID_REQUEST",
                "Parameter 'status' must be one of ACTIVE");
        expect(api.post("operator", "/api/cases/" + caseId + "/specimens", "{\"type\":\"BLOCK\","
                + "\"barcode\":\"lower-case\",\"parentBarcode\":\"CX0001\"}"), 400, "INVALID_REQUEST",
                "barcode: must be 4 to 32 capital letters, digits or dashes");
        for (Response r : List.of(modality, api.post("operator", "/api/cases/" + caseId + "/specimens",
                "{\"type\":\"BLOCK\",\"barcode\":\"lower-case\",\"parentBarcode\":\"CX0001\"}"))) {
            assertThat(r.json().path("detail").asText()).doesNotContain("se.ixbi", "java.", "`", "[A-Z", "regexp");
        }
    }

    static void expect(Response r, int status, String code, String detail) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        assertThat(r.json().path("detail").asText()).contains(detail);
    }
}
