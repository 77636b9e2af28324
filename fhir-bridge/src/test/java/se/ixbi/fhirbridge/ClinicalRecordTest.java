package se.ixbi.fhirbridge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.ixbi.fhirbridge.fhir.Identifiers;
import se.ixbi.fhirbridge.inbound.ConsentPoller;
import se.ixbi.fhirbridge.system.BridgeTestProperties;
import se.ixbi.fhirbridge.system.EngineApi;
import se.ixbi.fhirbridge.system.R4Validator;
import se.ixbi.fhirbridge.system.ServerProcess;
import se.ixbi.fhirbridge.system.TestSystem;
import se.ixbi.fhirbridge.tasks.ClinicalRecordTask;
import se.ixbi.fhirbridge.tasks.TaskInput;

/**
 * The bridge between a real engine and a real HAPI FHIR JPA server, both on loopback: cases registered from the
 * clinic, consent, biopsy and report written as conditional transactions, every resource valid R4 and found again
 * by its identifier, and consent revoked in the hospital withdrawing the case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ClinicalRecordTest {

    static final String PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer";
    static final int PORT = ServerProcess.freePort();
    static final AtomicInteger PATIENTS = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();
    /** the server caches a repeated search for a minute; these tests ask again and again while waiting */
    static final CacheControlDirective FRESH = new CacheControlDirective().setNoCache(true);

    static final TestSystem system = TestSystem.get();
    static final EngineApi engine = new EngineApi(system.engine.baseUrl());
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final IGenericClient hospital = fhir.newRestfulGenericClient(system.fhirBase());
    static Path dir;

    @Autowired
    List<ClinicalRecordTask> tasks;
    @Autowired
    ConsentPoller poller;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dir = Files.createTempDirectory(system.dir, "bridge");
        BridgeTestProperties.register(registry, system, system.fhirBase(), PORT, dir);
    }


    // ---- registration from the clinic -----------------------------------------------------------------------

    @Test
    void aCaseRegisteredFromTheClinicCarriesOnlyItsPseudonymIntoTheEngine() throws Exception {
        String pnr = personnummer();
        Map<String, Object> request = Map.of("useCase", "liver-fibrosis",
                "patient", Map.of("system", PNR_SYSTEM, "value", pnr), "order", "REF-1");

        assertThat(bridge(null, "POST", "/cases", request).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = bridge("coordinator", "POST", "/cases", Map.of("useCase", "liver-fibrosis"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("patient needs an identifier");
        HttpResponse<String> notAllowed = bridge("clinician", "POST", "/cases", request);
        assertThat(notAllowed.statusCode()).isEqualTo(403);

        HttpResponse<String> created = bridge("coordinator", "POST", "/cases", request);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode answer = JSON.readTree(created.body());
        String caseId = answer.path("caseId").asText();
        assertThat(answer.path("pseudonym").asText()).matches("PSN-[A-Z]{20}");
        assertThat(created.body()).doesNotContain(pnr);

        HttpResponse<String> again = bridge("coordinator", "POST", "/cases", request);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("caseId").asText()).isEqualTo(caseId);

        JsonNode details = engine.caseDetails(caseId);
        assertThat(details.path("pseudonym").asText()).isEqualTo(answer.path("pseudonym").asText());
        assertThat(details.toString()).doesNotContain(pnr).doesNotContain(pnr.substring(2));

        HttpResponse<String> secondBiopsy = bridge("coordinator", "POST", "/cases", Map.of("useCase",
                "liver-fibrosis", "patient", Map.of("system", PNR_SYSTEM, "value", pnr), "order", "REF-2"));
        assertThat(secondBiopsy.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(secondBiopsy.body()).path("caseId").asText()).isNotEqualTo(caseId);
    }

    // ---- consent and biopsy -----------------------------------------------------------------------------------

    @Test
    void consentAndBiopsyReachTheClinicalRecordOnceEachValidAndFoundByIdentifier() {
        String pnr = personnummer();
        String caseId = registerFromClinic(pnr);
        consent(caseId, true, false, false);
        JsonNode task = engine.awaitTask(caseId, "Task_ScheduleBiopsy", Duration.ofSeconds(60));
        assertThat(task).isNotNull();

        Consent consent = one(Consent.class, Identifiers.CONSENT, caseId);
        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(consent.getScope().getCodingFirstRep().getCode()).isEqualTo("research");
        assertThat(consent.getPolicyFirstRep().getUri()).endsWith("/2.1");
        assertThat(consent.getDateTimeElement().getValueAsString()).isEqualTo("2026-11-20");
        assertThat(consent.getProvision().getProvision()).extracting(p -> p.getCodeFirstRep().getCodingFirstRep()
                .getCode() + "=" + p.getType().toCode())
                .containsExactly("xray=permit", "vem=permit", "omics=deny", "data-sharing=deny",
                        "future-research=deny");
        Patient patient = hospital.read().resource(Patient.class).withId(consent.getPatient().getReferenceElement())
                .execute();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(PNR_SYSTEM);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(pnr);
        ResearchSubject subject = one(ResearchSubject.class, Identifiers.CASE, caseId);
        assertThat(subject.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        assertThat(subject.getConsent().getReferenceElement().getIdPart())
                .isEqualTo(consent.getIdElement().getIdPart());
        ResearchStudy study = one(ResearchStudy.class, Identifiers.USE_CASE, "liver-fibrosis");
        assertThat(subject.getStudy().getReferenceElement().getIdPart()).isEqualTo(study.getIdElement().getIdPart());
        Provenance provenance = provenance("fhir.consent/" + caseId);
        assertThat(targets(provenance)).contains(ref(consent), ref(subject), ref(study), ref(patient));
        assertThat(provenance.getAgentFirstRep().getWho().getDisplay()).startsWith("IXBI FHIR bridge");
        assertValid(consent, subject, study, patient, provenance);

        // the same task delivered again finds what it wrote
        ClinicalRecordTask consentTask = task("fhir.consent");
        Map<String, Object> again = consentTask.write(new TaskInput("fhir.consent", caseId,
                Map.of("consentObtainedBy", "dr.berg", "consentSignedOn", "2026-11-20")));
        assertThat(again.get("fhirConsentId")).isEqualTo("Consent/" + consent.getIdElement().getIdPart());
        assertThat(count(Consent.class, Identifiers.CONSENT, caseId)).isEqualTo(1);
        assertThat(count(ResearchSubject.class, Identifiers.CASE, caseId)).isEqualTo(1);
        assertThat(count(ResearchStudy.class, Identifiers.USE_CASE, "liver-fibrosis")).isEqualTo(1);
        assertThat(count(Patient.class, PNR_SYSTEM, pnr)).isEqualTo(1);

        String barcode = biopsy(caseId);
        Procedure procedure = EngineApi.await(() -> find(Procedure.class, Identifiers.PROCEDURE, caseId + "/biopsy"),
                Duration.ofSeconds(60), "the biopsy in the clinical record");
        assertThat(procedure.getStatus()).isEqualTo(Procedure.ProcedureStatus.COMPLETED);
        assertThat(procedure.getCode().getCodingFirstRep().getCode()).isEqualTo("86273004");
        assertThat(procedure.getBodySiteFirstRep().getCodingFirstRep().getCode()).isEqualTo("10200004");
        assertThat(procedure.getBodySiteFirstRep().getText()).isEqualTo("liver segment VI");
        assertThat(procedure.getUsedCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("CT");
        assertThat(procedure.getPerformerFirstRep().getActor().getIdentifier().getValue()).isEqualTo("clinician");
        assertThat(procedure.getPerformedDateTimeType().getValueAsString()).isEqualTo("2026-11-21");
        assertThat(procedure.getSubject().getReferenceElement().getIdPart())
                .isEqualTo(patient.getIdElement().getIdPart());
        Specimen core = one(Specimen.class, Identifiers.SPECIMEN, barcode);
        assertThat(core.getCollection().getBodySite().getCodingFirstRep().getCode()).isEqualTo("10200004");
        assertThat(core.getProcessingFirstRep().getDescription()).contains("glutaraldehyde");
        assertThat(core.getCollection().getQuantity().getValue().doubleValue()).isEqualTo(3.0);
        assertValid(procedure, core, provenance("fhir.procedure/" + caseId));

        // withdrawal: the same Consent becomes inactive, its provision ends, the subject is withdrawn
        assertThat(engine.send("clinician", "POST", "/api/cases/" + caseId + "/consent/withdrawal",
                Map.of("reason", "the patient asked to withdraw")).status()).isEqualTo(202);
        engine.completeExternal(caseId, "data.quarantine", Map.of("quarantinedObjects", 0));
        engine.awaitCase(caseId, c -> c.path("status").asText().equals("WITHDRAWN"), Duration.ofSeconds(30),
                "withdrawn");
        Consent withdrawn = EngineApi.await(() -> {
            Consent c = one(Consent.class, Identifiers.CONSENT, caseId);
            return c.getStatus() == Consent.ConsentState.INACTIVE ? c : null;
        }, Duration.ofSeconds(60), "the consent inactive in the clinical record");
        assertThat(withdrawn.getIdElement().getIdPart()).isEqualTo(consent.getIdElement().getIdPart());
        assertThat(withdrawn.getProvision().getPeriod().getEndElement().getValueAsString())
                .isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(one(ResearchSubject.class, Identifiers.CASE, caseId).getStatus())
                .isEqualTo(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
        assertValid(withdrawn);
        EngineApi.await(() -> engine.get("coordinator", "/engine-rest/process-instance?businessKey=" + caseId)
                .isEmpty() ? true : null, Duration.ofSeconds(30), "the case process to end");
    }

    // ---- the report -------------------------------------------------------------------------------------------

    @Test
    void reviewedFindingsReachTheClinicAsOneReportThatARevisedAnalysisAmends() throws Exception {
        String caseId = registerFromClinic(personnummer());
        consent(caseId, false, false, false);
        String barcode = biopsy(caseId);
        String findingsId = java.util.UUID.randomUUID().toString();
        Path findings = writeFindings(caseId, findingsId, 3);
        toReview(caseId, barcode, findingsId, findings);
        engine.completeTask("clinician", caseId, "Task_ReviewFindings", Map.of("findingsSummary",
                "Fibrosis stage F2 in the region of interest", "findingsDecision", "approve"));
        JsonNode done = engine.awaitCase(caseId, c -> c.path("status").asText().equals("COMPLETED"),
                Duration.ofSeconds(90), "completed with its report");
        assertThat(done.path("stage").asText()).isEqualTo("CLOSED");

        DiagnosticReport report = one(DiagnosticReport.class, Identifiers.REPORT, caseId);
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(report.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
                .contains(Identifiers.REPORT_VERSION + "|" + caseId + "/v1", Identifiers.FINDINGS + "|" + findingsId);
        assertThat(report.getConclusion()).isEqualTo("Fibrosis stage F2 in the region of interest");
        byte[] pdf = report.getPresentedFormFirstRep().getData();
        assertThat(report.getPresentedFormFirstRep().getContentType()).isEqualTo("application/pdf");
        String text;
        try (var document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("IXBI report for case " + caseId, "Fibrosis stage F2", "Tissue volume",
                "1.23 mm³", "T2", "Datasets");

        Map<String, Observation> figures = new HashMap<>();
        for (Reference r : report.getResult()) {
            Observation o = hospital.read().resource(Observation.class).withId(r.getReferenceElement()).execute();
            figures.put(o.getCode().getCodingFirstRep().getCode(), o);
        }
        assertThat(figures.get("tissue-volume").getValueQuantity().getValue().doubleValue()).isEqualTo(1.234);
        assertThat(figures.get("tissue-volume").getValueQuantity().getCode()).isEqualTo("mm3");
        assertThat(figures.get("tissue-volume").getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(figures.get("qc-snr").getValueQuantity().getValue().doubleValue()).isEqualTo(14.2);
        assertThat(figures.get("qc-resolution").getValueQuantity().getCode()).isEqualTo("um");
        assertThat(figures.get("cell-type-count").getValueQuantity().getValue().intValue()).isEqualTo(3);
        double shares = figures.keySet().stream().filter(k -> k.startsWith("cell-type-fraction-"))
                .mapToDouble(k -> figures.get(k).getValueQuantity().getValue().doubleValue()).sum();
        assertThat(shares).isBetween(99.5, 100.5);
        assertThat(figures.get("niche-count").getValueQuantity().getValue().intValue()).isEqualTo(2);

        // the raw scan, the reconstructed volume and the findings, as the engine recorded them
        JsonNode engineDatasets = engine.caseDetails(caseId).path("datasets");
        assertThat(engineDatasets.findValuesAsText("level")).containsExactlyInAnyOrder("RAW", "RECONSTRUCTED",
                "ANALYSED");
        for (JsonNode d : engineDatasets) {
            DocumentReference doc = one(DocumentReference.class, Identifiers.DATASET, d.path("id").asText());
            assertThat(doc.getContentFirstRep().getAttachment().getUrl()).isEqualTo(d.path("uri").asText());
            assertThat(doc.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
                    .contains(Identifiers.SHA256 + "|" + d.path("sha256").asText());
            assertThat(doc.getType().getCodingFirstRep().getCode()).isEqualTo(d.path("level").asText());
            assertThat(doc.getSubject().getReferenceElement().getIdPart())
                    .isEqualTo(report.getSubject().getReferenceElement().getIdPart());
            assertValid(doc);
        }
        Provenance provenance = provenance("fhir.report/" + caseId);
        assertThat(provenance.getEntity()).hasSize(3);
        assertThat(targets(provenance)).contains(ref(report));
        assertValid(report, figures.get("tissue-volume"), figures.get("cell-type-fraction-T1"), provenance);

        // a revised analysis (two cell types instead of three) amends the same report
        String revisedId = java.util.UUID.randomUUID().toString();
        Path revised = writeFindings(caseId, revisedId, 2);
        ClinicalRecordTask reportTask = task("fhir.report");
        Map<String, Object> variables = new HashMap<>(reportVariables(revisedId, revised));
        variables.putAll(Map.of("findingsSummary", "Fibrosis stage F2 in the region of interest", "qcSnr", 14.2,
                "qcCnr", 6.5, "qcResolutionUm", 2.1));
        Map<String, Object> amended = reportTask.write(new TaskInput("fhir.report", caseId, variables));
        assertThat(amended).containsEntry("fhirReportStatus", "amended").containsEntry("fhirReportVersion", 2);
        assertThat(count(DiagnosticReport.class, Identifiers.REPORT, caseId)).isEqualTo(1);
        DiagnosticReport v2 = one(DiagnosticReport.class, Identifiers.REPORT, caseId);
        assertThat(v2.getIdElement().getIdPart()).isEqualTo(report.getIdElement().getIdPart());
        assertThat(v2.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
        assertThat(one(Observation.class, Identifiers.FINDING, caseId + "/cell-type-fraction-T3").getStatus())
                .isEqualTo(Observation.ObservationStatus.CANCELLED);
        assertThat(one(Observation.class, Identifiers.FINDING, caseId + "/cell-type-count").getValueQuantity()
                .getValue().intValue()).isEqualTo(2);
        // and the same revision delivered twice is the same version
        assertThat(reportTask.write(new TaskInput("fhir.report", caseId, variables)))
                .containsEntry("fhirReportVersion", 2);
        assertThat(count(Observation.class, Identifiers.FINDING, caseId + "/tissue-volume")).isEqualTo(1);
    }

    // ---- consent revoked in the hospital ----------------------------------------------------------------------

    @Test
    void aConsentRevokedInTheHospitalWithdrawsTheCaseOnceAndStrangePayloadsChangeNothing() throws Exception {
        String caseId = registerFromClinic(personnummer());
        consent(caseId, false, false, false);
        engine.awaitTask(caseId, "Task_ScheduleBiopsy", Duration.ofSeconds(60));
        Consent consent = one(Consent.class, Identifiers.CONSENT, caseId);
        awaitSubscriptionActive();

        // the clinic revokes the consent in its own record; the server notifies the bridge
        consent.setStatus(Consent.ConsentState.INACTIVE);
        hospital.update().resource(consent).execute();
        // the withdrawal is recorded at once; the process reaches its withdrawal stage when its job has run
        JsonNode withdrawn = engine.awaitCase(caseId, c -> c.path("consent").hasNonNull("withdrawnAt")
                && List.of("WITHDRAWAL", "CLOSED").contains(c.path("stage").asText()),
                Duration.ofSeconds(60), "consent withdrawn and the case in withdrawal after the hospital revoked it");
        assertThat(withdrawn.path("stage").asText()).isIn("WITHDRAWAL", "CLOSED");
        assertThat(withdrawals(caseId)).singleElement().satisfies(e -> {
            assertThat(e.path("actor").asText()).isEqualTo("fhir-bridge");
            assertThat(e.path("detail").asText()).contains("revoked in the clinical record")
                    .doesNotContain("polled");
        });

        // the same notification again changes nothing
        Consent revoked = one(Consent.class, Identifiers.CONSENT, caseId);
        String payload = fhir.newJsonParser().encodeResourceToString(revoked);
        HttpResponse<String> again = event("Bearer " + BridgeTestProperties.SECRET,
                "/fhir-events/Consent/" + revoked.getIdElement().getIdPart(), payload);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("ALREADY_HANDLED");
        assertThat(withdrawals(caseId)).hasSize(1);

        // unauthenticated, malformed, foreign and unknown payloads: a clear 4xx, nothing changes
        assertThat(event(null, "/fhir-events/Consent/1", payload).statusCode()).isEqualTo(401);
        assertThat(event("Bearer wrong", "/fhir-events/Consent/1", payload).statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = event("Bearer " + BridgeTestProperties.SECRET, "/fhir-events/Consent/1",
                "{\"resourceType\": \"Consent\", \"status\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("MALFORMED_EVENT");
        HttpResponse<String> patient = event("Bearer " + BridgeTestProperties.SECRET, "/fhir-events",
                "{\"resourceType\": \"Patient\", \"id\": \"1\"}");
        assertThat(patient.statusCode()).isEqualTo(422);
        assertThat(patient.body()).contains("only Consent");
        Consent foreign = new Consent().setStatus(Consent.ConsentState.INACTIVE);
        foreign.setId("Consent/99");
        HttpResponse<String> notOurs = event("Bearer " + BridgeTestProperties.SECRET, "/fhir-events",
                fhir.newJsonParser().encodeResourceToString(foreign));
        assertThat(notOurs.statusCode()).isEqualTo(422);
        assertThat(notOurs.body()).contains("no IXBI consent identifier");
        Consent unknown = new Consent().setStatus(Consent.ConsentState.INACTIVE);
        unknown.setId("Consent/98");
        unknown.getMeta().setVersionId("1");
        unknown.addIdentifier(Identifiers.of(Identifiers.CONSENT, "IXBI-1999-999999"));
        HttpResponse<String> unknownCase = event("Bearer " + BridgeTestProperties.SECRET, "/fhir-events",
                fhir.newJsonParser().encodeResourceToString(unknown));
        assertThat(unknownCase.statusCode()).isEqualTo(404);
        assertThat(withdrawals(caseId)).hasSize(1);
    }

    @Test
    void whereTheServerSendsNoNotificationAPolledChangeWithdrawsTheCase() throws Exception {
        String caseId = registerFromClinic(personnummer());
        consent(caseId, false, false, false);
        engine.awaitTask(caseId, "Task_ScheduleBiopsy", Duration.ofSeconds(60));
        Bundle subscriptions = hospital.search().byUrl("Subscription?url=http://localhost:" + PORT + "/fhir-events")
                .cacheControl(FRESH).returnBundle(Bundle.class).execute();
        assertThat(subscriptions.getEntry()).hasSize(1);
        Subscription subscription = (Subscription) subscriptions.getEntryFirstRep().getResource();
        hospital.delete().resourceById(subscription.getIdElement().toUnqualifiedVersionless()).execute();
        // the server's matcher lets go of a deleted Subscription at its next look for changes (a second here)
        Thread.sleep(3000);
        try {
            Consent consent = one(Consent.class, Identifiers.CONSENT, caseId);
            consent.setStatus(Consent.ConsentState.INACTIVE);
            hospital.update().resource(consent).execute();
            Thread.sleep(3000);
            assertThat(engine.caseDetails(caseId).path("consent").hasNonNull("withdrawnAt")).isFalse();

            assertThat(poller.poll()).isGreaterThanOrEqualTo(1);
            assertThat(engine.caseDetails(caseId).path("consent").hasNonNull("withdrawnAt")).isTrue();
            assertThat(withdrawals(caseId)).singleElement()
                    .satisfies(e -> assertThat(e.path("detail").asText()).contains("polled Consent/"));
            // the next look starts after this change: nothing is handled twice
            poller.poll();
            assertThat(withdrawals(caseId)).hasSize(1);
        } finally {
            subscription.setId((String) null);
            subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
            hospital.create().resource(subscription).execute();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * The bridge's Subscription is active, and a little more: the server takes up a new Subscription at its next
     * look for changes (every second here), and a change before that would not be notified.
     */
    static void awaitSubscriptionActive() throws InterruptedException {
        EngineApi.await(() -> {
            Bundle found = hospital.search().byUrl("Subscription?url=http://localhost:" + PORT + "/fhir-events")
                    .cacheControl(FRESH).returnBundle(Bundle.class).execute();
            return found.getEntry().stream().map(e -> (Subscription) e.getResource())
                    .anyMatch(s -> s.getStatus() == Subscription.SubscriptionStatus.ACTIVE) ? true : null;
        }, Duration.ofSeconds(60), "the bridge's Subscription active");
        Thread.sleep(2500);
    }

    static List<JsonNode> withdrawals(String caseId) {
        List<JsonNode> events = new java.util.ArrayList<>();
        engine.get("auditor", "/api/audit?caseId=" + caseId).forEach(e -> {
            if (e.path("action").asText().equals("CONSENT_WITHDRAWN")) {
                events.add(e);
            }
        });
        return events;
    }

    static HttpResponse<String> event(String authorization, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/fhir+json")
                    .method(path.contains("/Consent/") ? "PUT" : "POST", HttpRequest.BodyPublishers.ofString(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String personnummer() {
        // a test personal identity number: 1912-1212-style test series, unique per test
        return String.format("19121212%04d", 1000 + PATIENTS.incrementAndGet());
    }

    static String registerFromClinic(String pnr) {
        try {
            HttpResponse<String> created = bridge("coordinator", "POST", "/cases", Map.of("useCase", "liver-fibrosis",
                    "patient", Map.of("system", PNR_SYSTEM, "value", pnr)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return JSON.readTree(created.body()).path("caseId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void consent(String caseId, boolean vem, boolean sharing, boolean omics) {
        engine.completeTask("clinician", caseId, "Task_ObtainConsent", Map.of("consentDecision", "granted",
                "scopeXray", true, "scopeVem", vem, "scopeOmics", omics, "scopeDataSharing", sharing,
                "scopeFutureResearch", false, "consentVersion", "2.1", "consentObtainedBy", "dr.berg",
                "consentSignedOn", "2026-11-20"));
    }

    static String biopsy(String caseId) {
        engine.completeTask("clinician", caseId, "Task_ScheduleBiopsy", Map.of("guidanceModality", "CT",
                "biopsyTarget", "liver segment VI", "biopsyDate", "2026-11-21"));
        String barcode = "FB" + caseId.replaceAll("\\D", "").substring(4);
        engine.completeTask("clinician", caseId, "Task_RecordBiopsy", Map.of("coreCount", 1L,
                "specimenBarcodes", barcode, "tissueType", "liver", "specimenSizeMm", 3.0,
                "fixation", "glutaraldehyde"));
        return barcode;
    }

    /** From the biopsy to the findings review, with the workers' part done by hand. */
    static void toReview(String caseId, String barcode, String findingsId, Path findings) {
        assertThat(engine.send("operator", "POST", "/api/specimens/" + barcode + "/custody-events",
                Map.of("action", "RECEIVED_AT_BEAMLINE", "location", "MAX IV ForMAX", "note", "test")).status())
                .isEqualTo(201);
        engine.completeTask("operator", caseId, "Task_ScheduleBeamtime", Map.of("beamline", "ForMAX",
                "proposalId", "20261234", "beamtimeDate", "2026-12-01"));
        String raw = "s3://ixbi/cases/" + caseId + "/" + barcode + "/xray/raw/scan.h5";
        assertThat(engine.send("operator", "POST", "/api/cases/" + caseId + "/datasets", Map.of("modality", "XRAY",
                "specimenBarcode", barcode, "uri", raw, "sha256", "ab".repeat(32), "sizeBytes", 1024)).status())
                .isEqualTo(201);
        engine.completeExternal(caseId, "data.verify", Map.of("rawVerified", true));
        String id = java.util.UUID.randomUUID().toString();
        engine.completeExternal(caseId, "xray.reconstruct", Map.of("reconstructedDatasetId", id,
                "reconstructedUri", "s3://ixbi/cases/" + caseId + "/" + barcode + "/xray/reconstructed/" + id + ".zarr",
                "reconstructedSha256", "cd".repeat(32), "reconstructedSizeBytes", 123456L,
                "reconstructionParameters", "{\"method\":\"gridrec\"}", "reconstructionSoftware", "ixbi-workers test"));
        engine.completeExternal(caseId, "xray.qc", Map.of("qcSnr", 14.2, "qcCnr", 6.5, "qcResolutionUm", 2.1,
                "qcRingScore", 0.01));
        engine.completeExternal(caseId, "analysis.roi-proposal", Map.of("roiProposal", "centre", "roiCenterXUm", 20.0,
                "roiCenterYUm", 20.0, "roiCenterZUm", 20.0, "roiSizeUm", 10.0));
        engine.completeTask("coordinator", caseId, "Task_ConfirmRoi", Map.of("roiCenterXUm", 20.0,
                "roiCenterYUm", 20.0, "roiCenterZUm", 20.0, "roiSizeUm", 10.0));
        engine.completeExternal(caseId, "analysis.fusion", reportVariables(findingsId, findings));
    }

    static Map<String, Object> reportVariables(String findingsId, Path findings) {
        Map<String, Object> v = new HashMap<>();
        v.put("fusionDatasetId", findingsId);
        v.put("findingsUri", findings.toUri().toString());
        v.put("fusionUri", findings.getParent().toUri().toString());
        v.put("fusionSha256", "ef".repeat(32));
        v.put("fusionSizeBytes", 2048L);
        v.put("fusionSummary", "X-ray: 1.23 mm³ of tissue.\nSpatial omics: 3 cell types.");
        v.put("fusionSoftware", "ixbi-workers test");
        return v;
    }

    /** A findings.json as the fusion worker writes it, with the given number of cell types and two niches. */
    static Path writeFindings(String caseId, String id, int types) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("objects/cases/" + caseId + "/core/fusion/analysed/" + id
                + ".findings"));
        var f = JSON.createObjectNode();
        f.put("case", caseId);
        f.put("summary", "X-ray: 1.23 mm³ of tissue");
        var xray = f.putObject("xray");
        xray.put("tissueVolumeMm3", 1.234);
        xray.putObject("tissueClasses").put("loose", 0.2).put("ordinary", 0.5).put("dense", 0.3);
        var cellTypes = f.putArray("cellTypes");
        for (int t = 1; t <= types; t++) {
            cellTypes.addObject().put("type", "T" + t).put("cells", 100 * t).putArray("markers").add("GENE" + t);
        }
        var niches = f.putArray("niches");
        niches.addObject().put("niche", "N1").put("cells", 300);
        niches.addObject().put("niche", "N2").put("cells", 100);
        Path file = folder.resolve("findings.json");
        Files.write(file, JSON.writeValueAsBytes(f));
        return file;
    }

    ClinicalRecordTask task(String topic) {
        return tasks.stream().filter(t -> t.topic().equals(topic)).findFirst().orElseThrow();
    }

    static <T extends Resource> T find(Class<T> type, String system, String value) {
        Bundle found = hospital.search().forResource(type)
                .where(new TokenClientParam("identifier").exactly().systemAndCode(system, value))
                .cacheControl(FRESH).returnBundle(Bundle.class).execute();
        return found.getEntry().isEmpty() ? null : type.cast(found.getEntryFirstRep().getResource());
    }

    static <T extends Resource> T one(Class<T> type, String system, String value) {
        assertThat(count(type, system, value)).as("%s with identifier %s|%s", type.getSimpleName(), system, value)
                .isEqualTo(1);
        return find(type, system, value);
    }

    static int count(Class<? extends Resource> type, String system, String value) {
        return hospital.search().forResource(type)
                .where(new TokenClientParam("identifier").exactly().systemAndCode(system, value))
                .cacheControl(FRESH).returnBundle(Bundle.class).execute().getEntry().size();
    }

    static Provenance provenance(String key) {
        Bundle found = hospital.search().byUrl("Provenance?_tag=" + Identifiers.PROVENANCE_TAG + "|" + key)
                .cacheControl(FRESH).returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).as("Provenance %s", key).hasSize(1);
        return (Provenance) found.getEntryFirstRep().getResource();
    }

    static List<String> targets(Provenance p) {
        return p.getTarget().stream().map(t -> t.getReferenceElement().toUnqualifiedVersionless().getValue()).toList();
    }

    static String ref(Resource r) {
        return r.getIdElement().toUnqualifiedVersionless().getValue();
    }

    static void assertValid(IBaseResource... resources) {
        for (IBaseResource r : resources) {
            assertThat(R4Validator.errors(fhir, r)).as("R4 validation of %s", r.getIdElement().getValue()).isEmpty();
        }
    }

    static HttpResponse<String> bridge(String user, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                                    : JSON.writeValueAsString(body)));
            if (user != null) {
                request.header("Authorization", EngineApi.basic(user));
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
