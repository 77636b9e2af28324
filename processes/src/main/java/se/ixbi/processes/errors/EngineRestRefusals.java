package se.ixbi.processes.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@code /engine-rest} with ordinary refusals answered as what they are: a task someone else claimed first, or an
 * update that met a concurrent one, is a 409 the caller can act on (take another, try again), logged as one line.
 * Camunda answers both with 500 and a stack trace, as if the server had failed. The body keeps Camunda's shape
 * ({@code type}, {@code message}, {@code code}); every other answer stays Camunda's.
 */
public final class EngineRestRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestRefusals.class);

    private EngineRestRefusals() {
    }

    /** The exception mappers that answer these refusals, for {@code /engine-rest}'s resource configuration. */
    public static List<ExceptionMapper<?>> mappers() {
        return List.of(new ClaimedFirst(), new ConcurrentUpdate(), new TaskNotThere());
    }

    static Response conflict(ProcessEngineException e) {
        LOG.info("refused with 409: {}", e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.getClass().getSimpleName());
        body.put("message", e.getMessage());
        body.put("code", e.getCode());
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Jersey picks the mapper of the nearest type, so these win over Camunda's for all engine exceptions. */
    static final class ClaimedFirst implements ExceptionMapper<TaskAlreadyClaimedException> {
        @Override
        public Response toResponse(TaskAlreadyClaimedException e) {
            return conflict(e);
        }
    }

    /**
     * Camunda wraps "no such task" on completing, claiming or resolving one into a 500; it is the caller's 404. Any
     * other wrapped refusal keeps Camunda's own answer.
     */
    @Priority(1)
    static final class TaskNotThere implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException e) {
            if (e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR && e.getCause() instanceof NullValueException
                    && e.getCause().getMessage() != null && e.getCause().getMessage().startsWith("Cannot find task")) {
                String message = e.getMessage().replaceFirst(": Cannot find task with id [^:]*: task is null$",
                        ": there is no such task; it was completed, or never existed");
                LOG.info("refused with 404: {}", message);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "InvalidRequestException");
                body.put("message", message);
                body.put("code", 0);
                return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                        .build();
            }
            return camunda.toResponse(e);
        }
    }

    static final class ConcurrentUpdate implements ExceptionMapper<OptimisticLockingException> {
        @Override
        public Response toResponse(OptimisticLockingException e) {
            return conflict(e);
        }
    }
}
