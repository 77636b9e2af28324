package se.ixbi.processes.workflow;

import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import se.ixbi.processes.errors.ErrorCode;

/**
 * The beamtime form's rule, held in the engine: the proposal number is MAX IV's eight digits. Tasklist would show a
 * failed form pattern as the pattern itself, so the form leaves the check here, which says it in words, and which
 * holds for a task completed over {@code /engine-rest} too. It listens to the task's end rather than its completion,
 * because the engine wraps what a task listener throws into a failure of its own (500), not the refusal it is.
 */
@Component("beamtimeFormRules")
class BeamtimeFormRules implements ExecutionListener {

    private static final Pattern PROPOSAL = Pattern.compile("\\d{8}");

    @Override
    public void notify(DelegateExecution execution) {
        Object proposal = execution.getVariable("proposalId");
        String value = proposal == null ? "" : proposal.toString().strip();
        if (!PROPOSAL.matcher(value).matches()) {
            throw FormRefusal.of(ErrorCode.INVALID_REQUEST, "Proposal number must be the eight digits of the MAX IV "
                    + "proposal, such as 20261234" + (value.isEmpty() ? "" : ", not '" + value + "'"));
        }
    }
}
