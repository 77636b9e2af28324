package se.ixbi.processes;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP as a client sends it: a user, a method, a path and a raw JSON body. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    public ApiClient(TestRestTemplate http) {
        this.http = http;
    }

    public Response as(String user, HttpMethod method, String path, String body) {
        TestRestTemplate client = user == null ? http : http.withBasicAuth(user, user);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        return new Response(r.getStatusCode().value(), r.getHeaders(), r.getBody());
    }

    public Response get(String user, String path) {
        return as(user, HttpMethod.GET, path, null);
    }

    public Response post(String user, String path, String body) {
        return as(user, HttpMethod.POST, path, body);
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText();
        }
    }
}
