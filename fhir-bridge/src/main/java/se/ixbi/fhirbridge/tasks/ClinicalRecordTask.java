package se.ixbi.fhirbridge.tasks;

import java.util.Map;

/**
 * The work behind one {@code fhir.*} topic: read the case, write one transaction, return the process variables to
 * complete the task with. A {@link se.ixbi.fhirbridge.fhir.FhirRefusedException} becomes the BPMN error
 * {@code FHIR_REFUSED}; anything else is retried and ends in an incident. Writing twice writes the same resources.
 */
public interface ClinicalRecordTask {

    String topic();

    Map<String, Object> write(TaskInput task);
}
