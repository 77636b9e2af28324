package se.ixbi.processes.workflow;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

import se.ixbi.processes.errors.ErrorCode;

/**
 * What a service task that checks a person's form answers throws when one is wrong: the task stays open with the
 * reason, and a completion over {@code /engine-rest} answers 400 "Cannot complete task …: CODE: reason" (Camunda
 * answers 500 for any other engine exception, as if the server had failed).
 */
public final class FormRefusal {

    private FormRefusal() {
    }

    public static FormFieldValidationException of(ErrorCode code, String reason) {
        return new FormFieldValidationException(code.name(), code + ": " + reason);
    }
}
