package se.ixbi.processes.decisions;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A case's variables are what its decisions and its consent rest on: the scopes consented to, the plan, the QC
 * figures, the ROI, the datasets and their checksums. Once set by the task that set them, they are not changed or
 * deleted after the fact — not through Cockpit, {@code /engine-rest} or the Java API, whoever asks — and their
 * history is not deleted. A person who disagrees with a decision reopens it the way the process offers (a rescan,
 * a re-acquisition, a re-run). Camunda's authorizations stop at the process instance; this guard is per variable.
 *
 * <p>The one exception is the workers' progress report ({@code workProgressTopic}, {@code workProgressPercent},
 * {@code workProgressStep}): telemetry about a running task, which no decision rests on.
 */
class VariableChangeGuard extends CommandInterceptor {

    static final Set<String> PROGRESS = Set.of("workProgressTopic", "workProgressPercent", "workProgressStep");

    private static final Field SET_VARIABLES = field(AbstractSetVariableCmd.class, "variables");
    private static final Field REMOVE_NAMES = field(AbstractRemoveVariableCmd.class, "variableNames");
    private static final Field PATCH_VARIABLES = field(AbstractPatchVariablesCmd.class, "variables");
    private static final Field PATCH_DELETIONS = field(AbstractPatchVariablesCmd.class, "deletions");

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof DeleteHistoricVariableInstanceCmd
                || command instanceof DeleteHistoricVariableInstancesByProcessInstanceIdCmd) {
            throw refused("The history of a case's variables is kept: it records what its decisions rested on");
        }
        if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
            throw refused("A case's variables are not changed after the fact, in a batch neither");
        }
        Set<String> changed = changed(command);
        if (!PROGRESS.containsAll(changed)) {
            Set<String> refused = new TreeSet<>(changed);
            refused.removeAll(PROGRESS);
            throw refused("A case's variables are not changed or deleted after the fact: " + String.join(", ", refused)
                    + " belong to the decisions and the consent the case rests on. Reopen a decision the way the"
                    + " process offers it (a rescan, a re-acquisition, a re-run of the analysis)");
        }
        return next.execute(command);
    }

    /** The names a command sets or removes; none for any other command. */
    private static Set<String> changed(Command<?> command) {
        Set<String> names = new HashSet<>();
        if (command instanceof AbstractSetVariableCmd) {
            names.addAll(keys(read(SET_VARIABLES, command)));
        } else if (command instanceof AbstractRemoveVariableCmd) {
            names.addAll(values(read(REMOVE_NAMES, command)));
        } else if (command instanceof AbstractPatchVariablesCmd) {
            names.addAll(keys(read(PATCH_VARIABLES, command)));
            names.addAll(values(read(PATCH_DELETIONS, command)));
        }
        return names;
    }

    private static Collection<String> keys(Object map) {
        return map instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList() : Set.of();
    }

    private static Collection<String> values(Object collection) {
        return collection instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : Set.of();
    }

    private static AuthorizationException refused(String message) {
        return new AuthorizationException(message);
    }

    private static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field + " of " + command.getClass().getName(), e);
        }
    }

    /** The engine keeps these in protected fields; read once, they are checked at start-up, not per call. */
    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda's " + type.getName() + " no longer has '" + name
                    + "': the variable guard must be updated with the engine", e);
        }
    }
}
