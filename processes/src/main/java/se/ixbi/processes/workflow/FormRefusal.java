package se.ixbi.processes.workflow;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.ixbi.processes.errors.ErrorCode;

/**
 * What a service task that checks a person's form answers throws when one is wrong: the task stays open with the
 * reason, and a completion over {@code /engine-rest} answers 400 "Cannot complete task …: CODE: reason" (Camunda
 * answers 500 for any other engine exception, as if the server had failed).
 */
public final class FormRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(FormRefusal.class);

    private FormRefusal() {
    }

    /** The refusal, logged as one line here; its stack trace is kept out of the log (RefusalLogFilter). */
    public static FormFieldValidationException of(ErrorCode code, String reason) {
        LOG.info("form refused: {}: {}", code, reason);
        return new FormFieldValidationException(code.name(), code + ": " + reason);
    }
}
