package se.ixbi.processes.enginerest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.ApiClient;
import se.ixbi.processes.ApiClient.Response;
import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;

/** One mapper for every request, writing what Camunda's own would write. */
@IxbiTest
class SharedJsonMapperTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDriver driver;

    @Test
    void everyLookUpGetsTheSameMapperConfiguredAsCamundasIs() throws Exception {
        SharedJsonMapper shared = new SharedJsonMapper();
        ObjectMapper camunda = new JacksonConfigurator().getContext(Object.class);
        Map<String, Object> body = Map.of("created", new Date(1_765_000_000_000L), "retries", 3);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        Future<ObjectMapper> elsewhere = threads.submit(() -> shared.getContext(Map.class));
        assertThat(shared.getContext(Object.class)).isSameAs(shared.getContext(Date.class))
                .isSameAs(elsewhere.get(10, TimeUnit.SECONDS));
        threads.shutdown();
        assertThat(shared.getContext(Object.class).writeValueAsString(body))
                .isEqualTo(camunda.writeValueAsString(body));
    }

    @Test
    void theEngineRestAnswersWithCamundasDateFormat() {
        String caseId = driver.register(1.0);
        Response tasks = new ApiClient(rest).get("clinician", "/engine-rest/task?processInstanceBusinessKey="
                + caseId);
        assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
        assertThat(tasks.json().size()).as(tasks.body()).isEqualTo(1);
        assertThat(tasks.json().get(0).path("created").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}");
        assertThat(tasks.json().get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_ObtainConsent");
    }
}
