package se.ixbi.fhirbridge.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import se.ixbi.fhirbridge.system.FaultyHospital;

/**
 * How each answer of a server in trouble is classified: content refused (400, 422) is for a person to resolve;
 * credentials (401, 403), a conflict (412), a server error (5xx) and no answer at all are retried.
 */
class ClinicalRecordFailuresTest {

    static final FaultyHospital HOSPITAL = new FaultyHospital().start();
    static final ClinicalRecord RECORD = new ClinicalRecord(FhirContext.forR4Cached()
            .newRestfulGenericClient(HOSPITAL.base()));

    @AfterAll
    static void stop() {
        HOSPITAL.close();
    }

    @Test
    void refusedContentIsForAPersonAndCarriesTheServersReasons() {
        HOSPITAL.failWith(new InvalidRequestException("Patient.identifier: the system is not one this hospital uses"));
        assertThatThrownBy(() -> RECORD.transact(OnePatient.transaction(), "the test patient"))
                .isInstanceOf(FhirRefusedException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("the system is not one this hospital uses");
        HOSPITAL.mode(FaultyHospital.Mode.REFUSE);
        assertThatThrownBy(() -> RECORD.transact(OnePatient.transaction(), "the test patient"))
                .isInstanceOf(FhirRefusedException.class)
                .hasMessageContaining("HTTP 422").hasMessageContaining(FaultyHospital.REFUSAL);
    }

    @Test
    void credentialsConflictsAndServerErrorsAreRetriedWithTheServersMessage() {
        for (BaseServerResponseException answer : List.of(
                new AuthenticationException("the bridge's token expired"),
                new ForbiddenOperationException("the bridge may not write Consent"),
                new PreconditionFailedException("the resource changed since it was read"),
                new InternalErrorException("the database is full"))) {
            HOSPITAL.failWith(answer);
            assertThatThrownBy(() -> RECORD.transact(OnePatient.transaction(), "the test patient"))
                    .as("HTTP %d", answer.getStatusCode())
                    .isInstanceOf(FhirUnavailableException.class)
                    .hasMessageContaining("HTTP " + answer.getStatusCode())
                    .hasMessageContaining(answer.getMessage());
        }
    }

    @Test
    void anAcceptedTransactionNamesEveryResourceItWrote() {
        HOSPITAL.mode(FaultyHospital.Mode.ACCEPT);
        assertThat(RECORD.transact(OnePatient.transaction(), "the test patient")).extracting(id -> id.getValue())
                .containsExactly("Patient/1");
    }
}
