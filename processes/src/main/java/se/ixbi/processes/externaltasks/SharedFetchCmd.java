package se.ixbi.processes.externaltasks;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingListener;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.externaltask.LockedExternalTaskImpl;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several workers' fetch-and-lock calls served by one query, in one transaction. The engine's
 * {@code FetchExternalTasksCmd} does the same for one worker: select the waiting tasks, lock each for the worker,
 * read its variables, and drop any whose lock lost a race at commit. Here the selection is made once for all the
 * requests ({@link FetchRequest#picksLike}), and the tasks it found are dealt out in their order, one at a time to each
 * request that still has room, so that the first task goes to the worker that asked first and nobody waits while
 * another takes a second. Each task is locked for its own worker, for that worker's lock time, with that worker's
 * choice of variables.
 */
final class SharedFetchCmd implements Command<List<List<LockedExternalTask>>> {

    private static final Logger log = LoggerFactory.getLogger(SharedFetchCmd.class);

    private final List<FetchRequest> requests;

    SharedFetchCmd(List<FetchRequest> requests) {
        FetchRequest first = requests.get(0);
        for (FetchRequest request : requests) {
            if (!first.picksLike(request)) {
                throw new IllegalArgumentException("fetch by " + request.workerId()
                        + " picks from other tasks than the fetch by " + first.workerId());
            }
        }
        this.requests = List.copyOf(requests);
    }

    List<FetchRequest> requests() {
        return requests;
    }

    @Override
    public List<List<LockedExternalTask>> execute(CommandContext context) {
        FetchRequest first = requests.get(0);
        int wanted = 0;
        List<List<LockedExternalTask>> dealt = new ArrayList<>();
        for (FetchRequest request : requests) {
            request.instructions().values().forEach(TopicFetchInstruction::ensureVariablesInitialized);
            wanted += request.maxResults();
            dealt.add(new ArrayList<>());
        }
        List<ExternalTaskEntity> found = context.getExternalTaskManager().selectExternalTasksForTopics(
                new ArrayList<>(first.instructions().values()), wanted, first.ordering());

        int turn = 0;
        for (ExternalTaskEntity task : found) {
            while (dealt.get(turn).size() >= requests.get(turn).maxResults()) {
                turn = (turn + 1) % requests.size();
            }
            FetchRequest request = requests.get(turn);
            // the execution first, as the engine does, so a concurrent completion shows up here (CAM-10750)
            if (task.getExecution(false) == null) {
                log.debug("task {} has no execution any more; not locked for {}", task.getId(), request.workerId());
                continue;
            }
            TopicFetchInstruction instruction = request.instructions().get(task.getTopicName());
            task.lock(request.workerId(), instruction.getLockDuration());
            dealt.get(turn).add(LockedExternalTaskImpl.fromEntity(task, instruction.getVariablesToFetch(),
                    instruction.isLocalVariables(), instruction.isDeserializeVariables(),
                    instruction.isIncludeExtensionProperties()));
            turn = (turn + 1) % requests.size();
        }
        dropLocksLostAtCommit(context, dealt);
        return dealt;
    }

    /** As the engine does: a lock whose update lost to a concurrent one is left out, not the whole fetch failed. */
    private static void dropLocksLostAtCommit(CommandContext context, List<List<LockedExternalTask>> dealt) {
        context.getDbEntityManager().registerOptimisticLockingListener(new OptimisticLockingListener() {
            @Override
            public Class<? extends DbEntity> getEntityType() {
                return ExternalTaskEntity.class;
            }

            @Override
            public OptimisticLockingResult failedOperation(DbOperation operation) {
                if (operation instanceof DbEntityOperation entityOperation) {
                    String id = entityOperation.getEntity().getId();
                    for (List<LockedExternalTask> tasks : dealt) {
                        if (tasks.removeIf(task -> task.getId().equals(id))) {
                            return OptimisticLockingResult.IGNORE;
                        }
                    }
                }
                return OptimisticLockingResult.THROW;
            }
        });
    }
}
