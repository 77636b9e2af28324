package se.ixbi.processes.errors;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps a refused form out of the engine's error log: Camunda logs every exception a command ends with as an error
 * with its stack trace (ENGINE-16004), a person's wrong answer included, which buries real failures. The refusal
 * itself is logged as one line where it is made ({@code FormRefusal}) and answered with its reason.
 */
public class RefusalLogFilter extends TurboFilter {

    private static final String ENGINE_CONTEXT = "org.camunda.bpm.engine.context";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (!logger.getName().equals(ENGINE_CONTEXT)) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable
                last) {
            thrown = last;
        }
        for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof FormFieldValidationException) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
