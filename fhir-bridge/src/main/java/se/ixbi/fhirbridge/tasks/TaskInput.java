package se.ixbi.fhirbridge.tasks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;

/**
 * One task as a topic's code sees it: its topic, its case (the business key) and its variables.
 *
 * @param caseIdOrNull the business key; null when the engine sent none
 */
public record TaskInput(String topic, String caseIdOrNull, Map<String, Object> variables) {

    static TaskInput of(ExternalTask task) {
        return new TaskInput(task.getTopicName(), task.getBusinessKey(), task.getAllVariables());
    }

    /** The case id: every IXBI process instance carries it as business key. */
    public String caseId() {
        if (caseIdOrNull == null || caseIdOrNull.isBlank()) {
            throw new IllegalStateException("task " + topic + " has no business key (case id)");
        }
        return caseIdOrNull;
    }

    public String string(String name) {
        Object value = variables.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    public String requireString(String name) {
        String value = string(name);
        if (value == null) {
            throw new IllegalStateException("task " + topic + " needs process variable " + name);
        }
        return value;
    }

    public Double number(String name) {
        Object value = variables.get(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value == null ? null : Double.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("process variable " + name + " is not a number: " + value);
        }
    }

    /** A form date (ISO; a date-time carries the date first). */
    public LocalDate date(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("process variable " + name + " is not an ISO date: " + value);
        }
    }
}
