package se.ixbi.processes.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;

class RefusalLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final RefusalLogFilter filter = new RefusalLogFilter();

    @Test
    void aRefusedFormIsKeptOutOfTheEnginesErrorLogAndARealFailureIsNot() {
        var engine = context.getLogger("org.camunda.bpm.engine.context");
        var refused = new ProcessEngineException("Cannot complete task",
                new FormFieldValidationException("CONSENT_INVALID", "CONSENT_INVALID: consentVersion must be ..."));

        assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004 {}", new Object[] {"x", refused}, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004", null, refused))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004 {}", new Object[] {
            new ProcessEngineException("database unreachable")}, null)).isEqualTo(FilterReply.NEUTRAL);
        // the same exception logged anywhere else is not the filter's business
        assertThat(filter.decide(null, context.getLogger("se.ixbi"), Level.ERROR, "x", null, refused))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
