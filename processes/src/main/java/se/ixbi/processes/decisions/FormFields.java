package se.ixbi.processes.decisions;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answers a form asks for, by variable, with the label people read beside them: taken from the Camunda Form
 * deployed with the models ({@code forms/<id>.form}), so the trail names an answer as the form did.
 */
final class FormFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "radio", "select",
            "checkbox", "checklist", "taglist", "datetime");
    private static final Map<String, Map<String, String>> BY_FORM = new ConcurrentHashMap<>();

    private FormFields() {
    }

    static Map<String, String> of(String formId) {
        return BY_FORM.computeIfAbsent(formId, FormFields::read);
    }

    private static Map<String, String> read(String formId) {
        try (InputStream in = FormFields.class.getClassLoader().getResourceAsStream("forms/" + formId + ".form")) {
            if (in == null) {
                throw new IllegalStateException("no form forms/" + formId + ".form on the class path");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            collect(JSON.readTree(in).path("components"), fields);
            return fields;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read form " + formId + ": " + e.getMessage(), e);
        }
    }

    private static void collect(JsonNode components, Map<String, String> fields) {
        for (JsonNode c : components) {
            if (INPUTS.contains(c.path("type").asText()) && c.hasNonNull("key")) {
                // a date field names itself in dateLabel (form-js's datetime component), not label
                String label = c.path("label").asText(c.path("dateLabel").asText(""));
                fields.put(c.path("key").asText(), label.isBlank() ? c.path("key").asText() : label);
            }
            if (c.has("components")) {
                collect(c.path("components"), fields);
            }
        }
    }
}
