package se.ixbi.processes.externaltasks;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * One worker's fetch-and-lock call, as the engine's command holds it, with the caller it runs for. Two requests may
 * share one query when the query would pick from the same tasks for both: same caller (so the same authorization and
 * tenant checks), same topics with the same filters, same order. Lock durations and the variables to return may
 * differ; each request keeps its own.
 */
record FetchRequest(FetchExternalTasksCmd command, String workerId, int maxResults,
        Map<String, TopicFetchInstruction> instructions, List<QueryOrderingProperty> ordering, Authentication caller) {

    // Camunda 7.24 keeps these in protected fields without getters: looked up once, when the plugin loads
    private static final Field WORKER_ID = field("workerId");
    private static final Field MAX_RESULTS = field("maxResults");
    private static final Field INSTRUCTIONS = field("fetchInstructions");
    private static final Field ORDERING = field("orderingProperties");

    /** Fails, naming the field, where this Camunda version keeps the fetch command's fields differently. */
    static void requireCamundaFields() {
        // the look-up runs in this class's initialiser; calling here makes it run at the engine's start
    }

    @SuppressWarnings("unchecked")
    static FetchRequest of(FetchExternalTasksCmd command, Authentication caller) {
        try {
            return new FetchRequest(command, (String) WORKER_ID.get(command), MAX_RESULTS.getInt(command),
                    (Map<String, TopicFetchInstruction>) INSTRUCTIONS.get(command),
                    (List<QueryOrderingProperty>) ORDERING.get(command), caller);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Camunda's fetch-and-lock command", e);
        }
    }

    /**
     * Whether this request may join a shared query at all. A request the engine would refuse (no worker id, no
     * topics, a lock time that is not positive) or one that filters by process variables runs on its own, so it gets
     * the engine's own answer.
     */
    boolean shareable() {
        if (workerId == null || maxResults < 1 || instructions == null || instructions.isEmpty()) {
            return false;
        }
        for (TopicFetchInstruction instruction : instructions.values()) {
            Long lock = instruction.getLockDuration();
            if (instruction.getTopicName() == null || lock == null || lock <= 0
                    || !instruction.getFilterVariables().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Whether one query picks from the same tasks, in the same order, for both requests. */
    boolean picksLike(FetchRequest other) {
        return shareable() && other.shareable() && sameCaller(caller, other.caller)
                && String.valueOf(ordering).equals(String.valueOf(other.ordering))
                && instructions.keySet().equals(other.instructions.keySet())
                && instructions.entrySet().stream().allMatch(e -> sameFilters(e.getValue(),
                        other.instructions.get(e.getKey())));
    }

    private static boolean sameCaller(Authentication a, Authentication b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getUserId(), b.getUserId()) && sameSet(a.getGroupIds(), b.getGroupIds())
                && sameSet(a.getTenantIds(), b.getTenantIds());
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a == null || b == null ? a == b : new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static boolean sameFilters(TopicFetchInstruction a, TopicFetchInstruction b) {
        return Objects.equals(a.getTopicName(), b.getTopicName())
                && Objects.equals(a.getBusinessKey(), b.getBusinessKey())
                && Objects.equals(a.getProcessDefinitionId(), b.getProcessDefinitionId())
                && Arrays.equals(a.getProcessDefinitionIds(), b.getProcessDefinitionIds())
                && Objects.equals(a.getProcessDefinitionKey(), b.getProcessDefinitionKey())
                && Arrays.equals(a.getProcessDefinitionKeys(), b.getProcessDefinitionKeys())
                && Objects.equals(a.getProcessDefinitionVersionTag(), b.getProcessDefinitionVersionTag())
                && a.isTenantIdSet() == b.isTenantIdSet() && Arrays.equals(a.getTenantIds(), b.getTenantIds());
    }

    private static Field field(String name) {
        try {
            Field field = FetchExternalTasksCmd.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda's FetchExternalTasksCmd has no field " + name
                    + " any more: shared fetches need a new look at this engine version", e);
        }
    }
}
