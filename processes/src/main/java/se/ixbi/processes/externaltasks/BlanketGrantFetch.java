package se.ixbi.processes.externaltasks;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Fetch-and-lock without the per-task authorization join, for an account whose grants already cover every task.
 *
 * <p>Camunda filters the tasks a fetch may lock by joining each candidate task with the caller's authorizations
 * twice (read, then update, on its process instance or definition). H2 evaluates that join once per waiting task,
 * so every fetch costs the backlog times the grants: the join was 60 % of the engine's CPU under load
 * (docs/performance.md). A worker holds its rights on every instance ({@code RoleAuthorizations}), so for it the join
 * can only say yes. Where the caller holds both rights on {@code *} and no revocation exists on either resource, the
 * fetch runs with the join switched off; any other caller, an instance-by-instance grant or a single revocation
 * anywhere keeps the engine's own check. Tenant checks are untouched.
 */
@Component
class BlanketGrantFetch extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
        }
        // after the command context interceptor: the check reads the caller's grants inside the fetch's transaction
        interceptors.add(new Interceptor());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            boolean fetch = command instanceof FetchExternalTasksCmd || command instanceof SharedFetchCmd;
            if (!fetch || context == null
                    || !context.isAuthorizationCheckEnabled() || !coversEveryTask(context)) {
                return next.execute(command);
            }
            context.disableAuthorizationCheck();
            try {
                return next.execute(command);
            } finally {
                context.enableAuthorizationCheck();
            }
        }

        /** The two rights the fetch query asks of each task, held on every instance, and nothing revoked. */
        static boolean coversEveryTask(CommandContext context) {
            Authentication caller = context.getAuthentication();
            if (!context.getProcessEngineConfiguration().isAuthorizationEnabled() || caller == null
                    || caller.getUserId() == null) {
                return false;
            }
            // the grants themselves are engine data the caller may not read; this look is the engine's, not theirs
            context.disableAuthorizationCheck();
            try {
                return !anyRevocation(context)
                        && holdsOnEveryInstance(context, caller, Permissions.READ, Permissions.READ_INSTANCE)
                        && holdsOnEveryInstance(context, caller, Permissions.UPDATE, Permissions.UPDATE_INSTANCE);
            } finally {
                context.enableAuthorizationCheck();
            }
        }

        private static boolean holdsOnEveryInstance(CommandContext context, Authentication caller,
                Permission onInstance, Permission onDefinition) {
            AuthorizationManager grants = context.getAuthorizationManager();
            return isAuthorizedOnAny(grants, caller, onInstance, Resources.PROCESS_INSTANCE)
                    || isAuthorizedOnAny(grants, caller, onDefinition, Resources.PROCESS_DEFINITION);
        }

        private static boolean isAuthorizedOnAny(AuthorizationManager grants, Authentication caller,
                Permission permission, Resource resource) {
            return grants.isAuthorized(caller.getUserId(), caller.getGroupIds(), permission, resource, ANY);
        }

        /** A revocation on any instance or definition may hide a task from the caller: then only the join can tell. */
        private static boolean anyRevocation(CommandContext context) {
            for (Resource resource : List.of(Resources.PROCESS_INSTANCE, Resources.PROCESS_DEFINITION)) {
                AuthorizationQueryImpl revocations = new AuthorizationQueryImpl();
                revocations.authorizationType(Authorization.AUTH_TYPE_REVOKE).resourceType(resource);
                if (revocations.executeCount(context) > 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
