package se.ixbi.processes.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.CaseDriver;

/**
 * Every role at every endpoint family, as one table: what each role gets from {@code /api}, {@code /engine-rest}
 * (deploy, modify variables, delete instances, set authorizations, create users, queries) and the webapps. Both
 * identity modes walk the same table; where they differ by design, a row says so.
 *
 * <p>An expected answer is a status ({@code 403}), a status and the size of the JSON list it returns
 * ({@code 200#1}: the query answers, with what the role may see), or {@code -} where a role cannot be tried in
 * that mode (a service account has no password to sign in to the webapps with).
 */
final class RoleMatrix {

    /** The columns: no credentials, then each role's user or service account. */
    static final List<String> ROLES = List.of("anonymous", "coordinator", "clinician", "auditor", "operator",
            "worker", "fhir-bridge");

    /** The console's pages, in the order of the console row's answers. */
    static final List<String> CONSOLE_PAGES = List.of("/", "/statistics", "/queue", "/services", "/board/rows",
            "/cases/{case}", "/audit", "/my-cases", "/queue/live", "/audit/trail.csv", "/audit/trail.json",
            "/audit/case?caseId={case}");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MINIMAL_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://ixbi.se/test">
              <bpmn:process id="matrix-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    enum Mode {
        DEMO, KEYCLOAK
    }

    /** One endpoint family: how to call it for a fresh case, and what each role gets. */
    record Row(String name, String method, String path, String body, String contentType, String expected,
            Map<Mode, String> byMode) {

        String expectedIn(Mode mode) {
            return byMode.getOrDefault(mode, expected);
        }

        Row in(Mode mode, String answers) {
            Map<Mode, String> changed = new java.util.EnumMap<>(Mode.class);
            changed.putAll(byMode);
            changed.put(mode, answers);
            return new Row(name, method, path, body, contentType, expected, changed);
        }
    }

    static Row row(String name, String method, String path, String body, String expected) {
        return new Row(name, method, path, body, "application/json", expected, Map.of());
    }

    static final List<Row> ROWS = List.of(
            // the domain API: a role per operation
            row("register a case", "POST", "/api/cases",
                    "{\"useCase\":\"liver-fibrosis\",\"pseudonym\":\"{pseudonym}\"}",
                    "401 201 403 403 403 403 403"),
            row("list cases", "GET", "/api/cases", null, "401 200 200 200 200 403 403"),
            row("read a case", "GET", "/api/cases/{case}", null, "401 200 200 200 200 403 200"),
            row("withdraw consent", "POST", "/api/cases/{case}/consent/withdrawal", "{\"reason\":\"matrix\"}",
                    "401 202 202 403 403 403 202"),
            row("record a custody scan", "POST", "/api/specimens/NO-SUCH-BARCODE/custody-events",
                    "{\"action\":\"RECEIVED_AT_BEAMLINE\",\"location\":\"MAX IV\"}", "401 404 404 403 404 403 403"),
            row("report an upload", "POST", "/api/cases/{case}/datasets", "{\"modality\":\"XRAY\","
                    + "\"specimenBarcode\":\"NO-SUCH-BARCODE\",\"uri\":\"s3://ixbi/x\",\"sha256\":\"" + "ab".repeat(32)
                    + "\",\"sizeBytes\":1}", "401 404 403 403 404 403 403"),
            row("read a dataset", "GET", "/api/cases/{case}/datasets/no-such-dataset", null,
                    "401 404 404 404 404 403 404"),
            row("read a specimen", "GET", "/api/specimens/NO-SUCH-BARCODE", null, "401 404 404 404 404 403 403"),
            row("verify the audit trail", "GET", "/api/audit/verification", null, "401 200 403 200 403 403 403"),
            row("read the service catalogue", "GET", "/api/services", null, "401 200 200 200 200 403 403"),
            // the engine: Camunda authorizations per group
            // a new case runs two instances: the case and its consent
            row("find the case's process instances", "GET", "/engine-rest/process-instance?businessKey={case}", null,
                    "401 200#2 200#0 200#2 200#2 200#2 200#2"),
            row("find the case's tasks", "GET", "/engine-rest/task?processInstanceBusinessKey={case}", null,
                    "401 200#1 200#1 200#1 200#1 200#0 200#0"),
            row("read the case's history", "GET",
                    "/engine-rest/history/process-instance?processInstanceBusinessKey={case}", null,
                    "401 200#2 200#0 200#2 200#2 200#0 200#0"),
            // a progress report is the one variable a case lets anyone who may update the instance set
            row("report progress in a variable", "PUT",
                    "/engine-rest/process-instance/{instance}/variables/workProgressStep",
                    "{\"value\":\"x\",\"type\":\"String\"}", "401 204 403 403 204 204 204"),
            // what a consent or a decision rests on is changed by nobody (VariableChangeGuard)
            row("change a consent scope", "PUT", "/engine-rest/process-instance/{instance}/variables/scopeVem",
                    "{\"value\":true,\"type\":\"Boolean\"}", "401 403 403 403 403 403 403"),
            row("delete a process instance", "DELETE", "/engine-rest/process-instance/{instance}", null,
                    "401 403 403 403 204 403 403"),
            row("deploy a model", "POST", "/engine-rest/deployment/create", MINIMAL_BPMN,
                    "401 403 403 403 200 403 403"),
            row("grant an authorization", "POST", "/engine-rest/authorization/create",
                    "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"mallory\",\"resourceType\":0,"
                            + "\"resourceId\":\"*\"}", "401 403 403 403 200 403 403"),
            // with Keycloak the engine only reads users: nobody creates one there, an administrator neither
            row("create a user", "POST", "/engine-rest/user/create",
                    "{\"profile\":{\"id\":\"mallory{n}\"},\"credentials\":{\"password\":\"Secret-123\"}}",
                    "401 403 403 403 204 403 403").in(Mode.KEYCLOAK, "401 403 403 403 403 403 403"),
            // the webapps: which applications a signed-in role is given
            // anonymous: the webapps' own API asks for their login (demo), or the browser is sent to Keycloak
            // the console: each page as a browser opens it, signed in as the role (302: sent to sign in, or to the
            // role's own start page)
            new Row("console pages " + String.join(" ", CONSOLE_PAGES), "CONSOLE", "", null, null,
                    "302,302,302,302,302,302,302,302,302,302,302,302 "
                            + "200,200,200,200,200,200,200,403,200,200,200,302 "
                            + "302,403,403,200,403,200,403,200,403,403,403,403 "
                            + "302,403,403,200,403,200,200,403,403,200,200,302 "
                            + "200,200,200,200,200,200,403,403,200,403,403,403 "
                            + "403,403,403,403,403,403,403,403,403,403,403,403 "
                            + "403,403,403,403,403,403,403,403,403,403,403,403", Map.of())
                    .in(Mode.KEYCLOAK, "302,302,302,302,302,302,302,302,302,302,302,302 "
                            + "200,200,200,200,200,200,200,403,200,200,200,302 "
                            + "302,403,403,200,403,200,403,200,403,403,403,403 "
                            + "302,403,403,200,403,200,200,403,403,200,200,302 "
                            + "200,200,200,200,200,200,403,403,200,403,403,403 - -"),
            // an operator's one action on the console, posted with the page's CSRF token as the form would
            // (302: back to the queue, or, for no one signed in, to the sign-in page; 403 with no token at all)
            new Row("retry an incident from the work queue", "CONSOLE_POST", "/queue/incidents/{incident}/retry",
                    null, null, "302 403 403 403 302 403 403", Map.of())
                    .in(Mode.KEYCLOAK, "403 403 403 403 302 - -"),
            new Row("webapps open to the role", "WEBAPPS", "", null, null,
                    "401 cockpit,tasklist tasklist cockpit admin,cockpit,tasklist none none", Map.of())
                    .in(Mode.KEYCLOAK, "302 cockpit,tasklist tasklist cockpit admin,cockpit,tasklist - -"));

    private final String base;
    private final Mode mode;
    private final Function<String, String> authorization;
    private final Function<String, List<String>> webapps;
    private final Function<String, HttpClient> console;
    private final CaseDriver driver;
    private int counter;

    /**
     * @param authorization the {@code Authorization} header of a role (null for {@code anonymous})
     * @param webapps the applications the webapps give a role once it has signed in as a person does
     * @param console a browser (cookies, no redirects followed) signed in to the console as the role
     */
    RoleMatrix(String base, Mode mode, Function<String, String> authorization, Function<String, List<String>> webapps,
            Function<String, HttpClient> console, CaseDriver driver) {
        this.base = base;
        this.mode = mode;
        this.authorization = authorization;
        this.webapps = webapps;
        this.console = console;
        this.driver = driver;
    }

    /** Walks the table and fails once, naming every cell that differs. */
    void check() throws Exception {
        List<String> differences = new ArrayList<>();
        int cells = 0;
        for (Row row : ROWS) {
            String[] expected = row.expectedIn(mode).split(" ");
            for (int i = 0; i < ROLES.size(); i++) {
                if (expected[i].equals("-")) {
                    continue;
                }
                String actual = answer(row, ROLES.get(i));
                cells++;
                if (!actual.equals(expected[i])) {
                    differences.add(row.name() + " as " + ROLES.get(i) + ": expected " + expected[i] + ", got "
                            + actual);
                }
            }
        }
        assertThat(differences).as(mode + " mode, " + cells + " cells").isEmpty();
        assertThat(cells).isGreaterThan(ROWS.size() * 5);
    }

    private String answer(Row row, String role) throws Exception {
        if (row.method().equals("CONSOLE")) {
            HttpClient browser = role.equals("anonymous")
                    ? HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    : console.apply(role);
            // a case in consent: a clinician has a task in it
            String caseId = driver.register(1.0);
            List<String> statuses = new ArrayList<>();
            for (String page : CONSOLE_PAGES) {
                statuses.add(String.valueOf(browser.send(HttpRequest.newBuilder(URI.create(base
                        + page.replace("{case}", caseId)))
                        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            return String.join(",", statuses);
        }
        if (row.method().equals("CONSOLE_POST")) {
            HttpClient browser = role.equals("anonymous")
                    ? HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                            .cookieHandler(new java.net.CookieManager()).build()
                    : console.apply(role);
            String caseId = driver.register(1.0);
            driver.toReconstruction(caseId);
            driver.fail(caseId, "xray.reconstruct", "matrix probe");
            // with no form to take a token from (no one signed in, Keycloak mode), the post goes without one
            String token = csrfToken(browser);
            return String.valueOf(browser.send(HttpRequest.newBuilder(URI.create(base + row.path()
                    .replace("{incident}", driver.incident(caseId))))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(token == null ? "" : "_csrf=" + token)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        if (row.method().equals("WEBAPPS")) {
            if (role.equals("anonymous")) {
                return String.valueOf(status("GET", "/camunda/api/engine/engine/default/process-definition", null, null,
                        null));
            }
            List<String> apps = webapps.apply(role).stream().filter(app -> !app.equals("welcome")).sorted().toList();
            return apps.isEmpty() ? "none" : String.join(",", apps);
        }
        // a fresh case for every call, so that what one role changes no other role sees
        String caseId = driver.register(1.0);
        String instance = driver.details(caseId).processInstanceId();
        String path = row.path().replace("{case}", caseId).replace("{instance}", instance);
        String body = row.body() == null ? null : row.body().replace("{pseudonym}", CaseDriver.pseudonym())
                .replace("{n}", String.valueOf(++counter));
        String header = role.equals("anonymous") ? null : authorization.apply(role);
        if (path.equals("/engine-rest/deployment/create")) {
            return String.valueOf(deploy(header, body));
        }
        HttpResponse<String> response = send(row.method(), path, body, row.contentType(), header);
        if (response.statusCode() == 200 && path.startsWith("/engine-rest") && row.method().equals("GET")) {
            JsonNode list = JSON.readTree(response.body());
            return "200#" + list.size();
        }
        return String.valueOf(response.statusCode());
    }

    /** The session's CSRF token: a console page's sign-out form holds it, else the sign-in page's form. */
    private String csrfToken(HttpClient browser) throws Exception {
        for (String page : List.of("/services", "/login")) {
            Matcher csrf = CSRF_FIELD.matcher(browser.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (csrf.find()) {
                return csrf.group(1);
            }
        }
        return null;
    }

    private int status(String method, String path, String body, String contentType, String header) throws Exception {
        return send(method, path, body, contentType, header).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String header)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
                "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        if (header != null) {
            request.header("Authorization", header);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int deploy(String header, String bpmn) throws Exception {
        String boundary = "matrix" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmatrix\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"probe.bpmn\"; filename=\"probe.bpmn\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return status("POST", "/engine-rest/deployment/create", body, "multipart/form-data; boundary=" + boundary,
                header);
    }

    /** The applications a webapps' sign-in answer (Camunda's authentication JSON) opens to its user. */
    static List<String> authorizedApps(String authenticationJson) throws Exception {
        List<String> apps = new ArrayList<>();
        JSON.readTree(authenticationJson).path("authorizedApps").forEach(app -> apps.add(app.asText()));
        return apps;
    }
}
