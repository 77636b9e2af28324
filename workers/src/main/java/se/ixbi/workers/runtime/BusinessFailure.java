package se.ixbi.workers.runtime;

import java.util.Map;

/** An outcome the process models: thrown as the BPMN error {@code code} with the message as its reason. */
public class BusinessFailure extends Exception {

    private final String code;
    private final transient Map<String, Object> variables;

    public BusinessFailure(String code, String message) {
        this(code, message, Map.of());
    }

    public BusinessFailure(String code, String message, Map<String, Object> variables) {
        super(message);
        this.code = code;
        this.variables = Map.copyOf(variables);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> variables() {
        return variables;
    }
}
