package se.ixbi.fhirbridge.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.ixbi.fhirbridge.system.BridgeTestProperties;
import se.ixbi.fhirbridge.system.EngineApi;
import se.ixbi.fhirbridge.system.FaultyHospital;
import se.ixbi.fhirbridge.system.ServerProcess;
import se.ixbi.fhirbridge.system.TestSystem;

/**
 * A hospital server that refuses, answers too late or is down: a refusal opens a coordinator task with the
 * server's reasons, the rest is retried to an incident with the server's message, and a withdrawal ends the case
 * locally while the record's update retries on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ServerFaultsTest {

    static final FaultyHospital HOSPITAL = new FaultyHospital().start();
    static final TestSystem system = TestSystem.get();
    static final EngineApi engine = new EngineApi(system.engine.baseUrl());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        BridgeTestProperties.register(registry, system, HOSPITAL.base(), ServerProcess.freePort(),
                Files.createTempDirectory(system.dir, "faults"));
        registry.add("ixbi.bridge.inbound.subscribe", () -> false);
        registry.add("ixbi.fhir.socket-timeout", () -> "PT1S");
        registry.add("ixbi.bridge.tasks.retries", () -> 3);
    }

    @AfterAll
    static void stop() {
        HOSPITAL.close();
    }

    @Test
    void aRefusedConsentOpensACoordinatorTaskWithTheServersReasonsAndIsSentAgainWhenResolved() {
        HOSPITAL.mode(FaultyHospital.Mode.REFUSE);
        String caseId = engine.register("FAULT-REFUSED-" + System.nanoTime() % 100000);
        consent(caseId);

        JsonNode task = engine.awaitTask(caseId, "Task_ResolveFhirConsentRefusal", Duration.ofSeconds(60));
        assertThat(task.path("name").asText()).isEqualTo("Resolve refused clinical record update");
        JsonNode refusal = engine.get("coordinator", "/engine-rest/task/" + task.path("id").asText()
                + "/variables/fhirRefusal");
        assertThat(refusal.path("value").asText()).contains("HTTP 422", FaultyHospital.REFUSAL, "Consent.patient");
        assertThat(engine.caseDetails(caseId).path("incidents")).isEmpty();

        HOSPITAL.mode(FaultyHospital.Mode.ACCEPT);
        engine.completeTask("coordinator", caseId, "Task_ResolveFhirConsentRefusal", Map.of(
                "fhirRefusalDecision", "retry", "fhirRefusalNote", "patient registered in the master index"));
        assertThat(engine.awaitTask(caseId, "Task_ScheduleBiopsy", Duration.ofSeconds(60))).isNotNull();
        assertThat(engine.variable(caseId, "fhirConsentStatus").asText()).isEqualTo("active");
    }

    @Test
    void aServerTooSlowIsRetriedToAnIncidentThatSaysSo() {
        HOSPITAL.mode(FaultyHospital.Mode.SLOW);
        String caseId = engine.register("FAULT-SLOW-" + System.nanoTime() % 100000);
        consent(caseId);

        JsonNode details = engine.awaitCase(caseId, c -> !c.path("incidents").isEmpty(), Duration.ofSeconds(90),
                "an incident after the retries");
        JsonNode incident = details.path("incidents").get(0);
        assertThat(incident.path("activityId").asText()).isEqualTo("Task_FhirConsent");
        assertThat(incident.path("message").asText()).contains("did not answer").containsIgnoringCase("timed out");
        HOSPITAL.mode(FaultyHospital.Mode.ACCEPT);
    }

    @Test
    void aWithdrawalEndsTheCaseWhileTheServerIsDownAndTheRecordIsUpdatedWhenItIsBack() {
        HOSPITAL.mode(FaultyHospital.Mode.ACCEPT);
        String caseId = engine.register("FAULT-DOWN-" + System.nanoTime() % 100000);
        consent(caseId);
        engine.awaitTask(caseId, "Task_ScheduleBiopsy", Duration.ofSeconds(60));

        HOSPITAL.stop();
        try {
            assertThat(engine.send("clinician", "POST", "/api/cases/" + caseId + "/consent/withdrawal",
                    Map.of("reason", "the patient asked to withdraw")).status()).isEqualTo(202);
            engine.completeExternal(caseId, "data.quarantine", Map.of("quarantinedObjects", 0));
            JsonNode withdrawn = engine.awaitCase(caseId, c -> c.path("status").asText().equals("WITHDRAWN"),
                    Duration.ofSeconds(30), "withdrawn although the clinical record is down");
            assertThat(withdrawn.path("pendingWork").findValuesAsText("topic")).containsExactly("fhir.consent");
            engine.awaitCase(caseId, c -> c.path("pendingWork").findValuesAsText("errorMessage").stream()
                    .anyMatch(m -> m.contains("did not answer")), Duration.ofSeconds(30), "a failed attempt");
        } finally {
            HOSPITAL.start();
        }
        EngineApi.await(() -> engine.get("coordinator", "/engine-rest/process-instance?businessKey=" + caseId)
                .isEmpty() ? true : null, Duration.ofSeconds(60), "the record updated on its own and the case ended");
        assertThat(engine.variable(caseId, "fhirConsentStatus").asText()).isEqualTo("inactive");
    }

    static void consent(String caseId) {
        engine.completeTask("clinician", caseId, "Task_ObtainConsent", Map.of("consentDecision", "granted",
                "scopeXray", true, "scopeVem", false, "scopeOmics", false, "scopeDataSharing", false,
                "scopeFutureResearch", false, "consentVersion", "2.1", "consentObtainedBy", "dr.berg",
                "consentSignedOn", "2026-11-20"));
    }
}
