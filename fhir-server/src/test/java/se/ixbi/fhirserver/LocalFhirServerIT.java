package se.ixbi.fhirserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.ixbi.testservers.SharedFhirServer;

/**
 * The packaged server ({@code ixbi-fhir-server.jar} in its own JVM, the one every module's tests then share),
 * exercised over HTTP in what the platform relies on.
 */
class LocalFhirServerIT {

  private static final String SYSTEM = "urn:ixbi:test";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  /** Requests the rest-hook endpoint received; each is method, path, Authorization header, body. */
  private static final BlockingQueue<List<String>> HOOK_REQUESTS = new LinkedBlockingQueue<>();

  private static HttpServer hookServer;

  private IGenericClient client;

  @BeforeAll
  static void startHookEndpoint() throws IOException {
    hookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hookServer.createContext(
        "/hook",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          HOOK_REQUESTS.add(
              List.of(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                  body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hookServer.start();
  }

  @AfterAll
  static void stopHookEndpoint() {
    hookServer.stop(0);
  }

  @BeforeEach
  void connect() {
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    client = FHIR.newRestfulGenericClient(SharedFhirServer.base());
  }

  @Test
  void conditionalCreateTwiceKeepsOneResource() {
    String value = unique();
    MethodOutcome first = createPatientIfAbsent(value);
    MethodOutcome second = createPatientIfAbsent(value);

    assertThat(first.getCreated()).isTrue();
    assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
    assertThat(second.getId().toUnqualifiedVersionless())
        .isEqualTo(first.getId().toUnqualifiedVersionless());
    assertThat(searchPatients("identifier=" + SYSTEM + "|" + value).getTotal()).isEqualTo(1);
  }

  @Test
  void transactionResolvesPlaceholderAndConditionalReferences() {
    String patientValue = unique();
    String consentValue = unique();
    String placeholder = "urn:uuid:" + UUID.randomUUID();

    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    transaction
        .addEntry()
        .setFullUrl(placeholder)
        .setResource(patient(patientValue))
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl("Patient?identifier=" + SYSTEM + "|" + patientValue);
    Consent consent = consent(consentValue, ConsentState.ACTIVE);
    consent.setPatient(new Reference(placeholder));
    transaction
        .addEntry()
        .setResource(consent)
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl("Consent?identifier=" + SYSTEM + "|" + consentValue);
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().setText("conditional reference");
    observation.setSubject(new Reference("Patient?identifier=" + SYSTEM + "|" + patientValue));
    transaction.addEntry().setResource(observation).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

    Bundle response = client.transaction().withBundle(transaction).execute();

    IdType patientId = new IdType(response.getEntry().get(0).getResponse().getLocation());
    IdType consentId = new IdType(response.getEntry().get(1).getResponse().getLocation());
    IdType observationId = new IdType(response.getEntry().get(2).getResponse().getLocation());
    assertThat(patientId.getResourceType()).isEqualTo("Patient");
    String patientRef = patientId.toUnqualifiedVersionless().getValue();
    assertThat(client.read().resource(Consent.class).withId(consentId.getIdPart()).execute().getPatient().getReference())
        .isEqualTo(patientRef);
    assertThat(
            client.read().resource(Observation.class).withId(observationId.getIdPart()).execute().getSubject().getReference())
        .isEqualTo(patientRef);

    Bundle byValue = searchPatients("identifier=" + SYSTEM + "|" + patientValue);
    assertThat(byValue.getEntry()).hasSize(1);
    assertThat(byValue.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue())
        .isEqualTo(patientRef);
    Bundle bySystem = searchPatients("identifier=" + SYSTEM + "|&_count=500");
    assertThat(bySystem.getEntry())
        .extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
        .contains(patientRef);
  }

  @Test
  void conditionalUpdatesByIdentifierAndByTagHitTheSameResource() {
    String value = unique();
    MethodOutcome first =
        client.update().resource(consent(value, ConsentState.ACTIVE))
            .conditionalByUrl("Consent?identifier=" + SYSTEM + "|" + value).execute();
    MethodOutcome second =
        client.update().resource(consent(value, ConsentState.REJECTED))
            .conditionalByUrl("Consent?identifier=" + SYSTEM + "|" + value).execute();
    assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
    assertThat(second.getId().getVersionIdPart()).isEqualTo("2");

    String tag = unique();
    Task task = new Task();
    task.setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
    task.getMeta().addTag(SYSTEM, tag, null);
    String byTag = "Task?_tag=" + SYSTEM + "|" + tag;
    IdType taskId = (IdType) client.update().resource(task).conditionalByUrl(byTag).execute().getId();
    task.setStatus(Task.TaskStatus.COMPLETED);
    IdType updatedTaskId = (IdType) client.update().resource(task).conditionalByUrl(byTag).execute().getId();
    assertThat(updatedTaskId.getIdPart()).isEqualTo(taskId.getIdPart());
    assertThat(updatedTaskId.getVersionIdPart()).isEqualTo("2");
  }

  @Test
  void clientAssignedIdsLastUpdatedSearchAndAttachments() {
    Instant before = Instant.now().minusSeconds(1);
    IIdType patientId = createPatientIfAbsent(unique()).getId().toUnqualifiedVersionless();
    String id = "ixbi-" + unique();
    Provenance provenance = new Provenance();
    provenance.setId(id);
    provenance.addTarget(new Reference(patientId.getValue()));
    provenance.setRecorded(new Date());
    MethodOutcome created = client.update().resource(provenance).execute();
    assertThat(created.getId().getIdPart()).isEqualTo(id);

    Bundle recent =
        client.search().byUrl("Provenance?_lastUpdated=gt" + new InstantType(Date.from(before)).getValueAsString())
            .returnBundle(Bundle.class).execute();
    assertThat(recent.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id);
    Bundle future =
        client.search().byUrl("Provenance?_lastUpdated=gt" + new InstantType(Date.from(Instant.now().plusSeconds(60))).getValueAsString())
            .returnBundle(Bundle.class).execute();
    assertThat(future.getEntry()).isEmpty();

    byte[] bytes = "a small report".getBytes(StandardCharsets.UTF_8);
    Binary binary = new Binary().setContentType("text/plain").setData(bytes);
    String binaryId = client.create().resource(binary).execute().getId().getIdPart();
    assertThat(client.read().resource(Binary.class).withId(binaryId).execute().getData()).isEqualTo(bytes);
    DocumentReference document = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT);
    document.addContent().getAttachment().setContentType("text/plain").setData(bytes);
    String documentId = client.create().resource(document).execute().getId().getIdPart();
    assertThat(client.read().resource(DocumentReference.class).withId(documentId).execute()
            .getContentFirstRep().getAttachment().getData())
        .isEqualTo(bytes);
  }

  @Test
  void restHookSubscriptionDeliversConsentWithHeaders() throws InterruptedException {
    Subscription subscription = new Subscription();
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("consent withdrawn");
    subscription.setCriteria("Consent?status=inactive");
    subscription.getChannel()
        .setType(SubscriptionChannelType.RESTHOOK)
        .setEndpoint("http://127.0.0.1:" + hookServer.getAddress().getPort() + "/hook")
        .setPayload("application/fhir+json")
        .addHeader("Authorization: Bearer test-token");
    long created = System.nanoTime();
    String subscriptionId = client.create().resource(subscription).execute().getId().getIdPart();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(
        () -> client.read().resource(Subscription.class).withId(subscriptionId).execute().getStatus()
            == SubscriptionStatus.ACTIVE);
    System.out.printf("subscription active %d ms after its create%n", (System.nanoTime() - created) / 1_000_000);

    String value = unique();
    String consentId =
        client.create().resource(consent(value, ConsentState.ACTIVE)).execute().getId().getIdPart();
    // "active" is written by HAPI's activator; its matcher takes the subscription up one poll later, and a change
    // stored before that is not matched: withdraw, and withdraw again after a re-activation, until one is delivered
    List<String> request = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (request == null && System.nanoTime() < deadline) {
      Consent withdrawn = consent(value, ConsentState.INACTIVE);
      withdrawn.setId(consentId);
      client.update().resource(withdrawn).execute();
      request = HOOK_REQUESTS.poll(5, TimeUnit.SECONDS);
      if (request == null) {
        Consent active = consent(value, ConsentState.ACTIVE);
        active.setId(consentId);
        client.update().resource(active).execute();
      }
    }
    assertThat(request).as("rest-hook notification within 30 s").isNotNull();
    System.out.printf("rest-hook notification %d ms after the subscription's create%n",
        (System.nanoTime() - created) / 1_000_000);
    assertThat(request.get(0)).isEqualTo("PUT");
    assertThat(request.get(1)).isEqualTo("/hook/Consent/" + consentId);
    assertThat(request.get(2)).isEqualTo("Bearer test-token");
    Consent delivered = FHIR.newJsonParser().parseResource(Consent.class, request.get(3));
    assertThat(delivered.getIdElement().getIdPart()).isEqualTo(consentId);
    assertThat(delivered.getStatus()).isEqualTo(ConsentState.INACTIVE);
    assertThat(delivered.getIdentifierFirstRep().getValue()).isEqualTo(value);
    // the active versions did not match: nothing else was delivered
    assertThat(HOOK_REQUESTS.poll(2, TimeUnit.SECONDS)).isNull();
  }

  private MethodOutcome createPatientIfAbsent(String value) {
    return client.create().resource(patient(value))
        .conditionalByUrl("Patient?identifier=" + SYSTEM + "|" + value).execute();
  }

  private Bundle searchPatients(String query) {
    return client.search().byUrl("Patient?" + query + "&_total=accurate").returnBundle(Bundle.class).execute();
  }

  private static Patient patient(String value) {
    Patient patient = new Patient();
    patient.addIdentifier().setSystem(SYSTEM).setValue(value);
    patient.addName().setFamily("Test").addGiven(value);
    return patient;
  }

  private static Consent consent(String value, ConsentState status) {
    Consent consent = new Consent();
    consent.addIdentifier().setSystem(SYSTEM).setValue(value);
    consent.setStatus(status);
    return consent;
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
