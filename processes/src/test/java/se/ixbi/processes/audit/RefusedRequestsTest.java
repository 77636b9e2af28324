package se.ixbi.processes.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.IxbiTest;

/** Refused requests are counted per source and minute, and none of them is chained into the audit trail. */
@IxbiTest
class RefusedRequestsTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RefusedRequests refused;

    @Test
    void refusalsAreCountedPerSourceAndMinuteOutsideTheChain() {
        ApiClient api = new ApiClient(rest);
        refused.flush(true);
        long before401 = total(api, 401);
        long before403 = total(api, 403);
        long chained = api.get("auditor", "/api/audit/verification").json().path("events").asLong();

        for (int i = 0; i < 3; i++) {
            assertThat(api.get(null, "/api/cases").status()).isEqualTo(401);
        }
        assertThat(api.get(null, "/engine-rest/task").status()).isEqualTo(401);
        assertThat(api.get("clinician", "/api/audit/verification").status()).isEqualTo(403);
        assertThat(api.get("worker", "/api/cases").status()).isEqualTo(403);
        refused.flush(true);

        assertThat(total(api, 401) - before401).isEqualTo(4);
        assertThat(total(api, 403) - before403).isEqualTo(2);
        JsonNode rows = api.get("auditor", "/api/audit/refused-requests").json();
        assertThat(rows.findValuesAsText("source")).contains("127.0.0.1");
        assertThat(rows.get(0).path("minute").asText()).endsWith(":00Z");
        assertThat(api.get("auditor", "/api/audit/verification").json().path("events").asLong()).isEqualTo(chained);
        assertThat(api.get("clinician", "/api/audit/refused-requests").status()).isEqualTo(403);
    }

    private static long total(ApiClient api, int status) {
        long sum = 0;
        for (JsonNode row : api.get("auditor", "/api/audit/refused-requests?since=2000-01-01T00:00:00Z").json()) {
            if (row.path("status").asInt() == status) {
                sum += row.path("requests").asLong();
            }
        }
        return sum;
    }
}
