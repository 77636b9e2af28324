package se.ixbi.processes.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;


import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Camunda groups of the roles and what each may do in the engine. Applied at every start; existing grants are
 * kept.
 */
@Component
class RoleAuthorizations {

    /** Administrators of the engine: every permission on every resource (Admin webapp, users, authorizations). */
    static final String CAMUNDA_ADMIN = "camunda-admin";

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    RoleAuthorizations(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void apply() {
        // with Keycloak the groups live in the realm and the engine only reads them (and must start while the realm
        // is down): only the grants, which are the engine's own, are written then
        if (!identity.isReadOnly()) {
            for (Role role : Role.values()) {
                ensureGroup(role);
            }
            ensureAdministratorsGroup();
        }
        grantCoordinator();
        grantClinician();
        grantAuditor();
        grantOperator();
        grantWorker(Role.WORKER);
        grantWorker(Role.FHIR_BRIDGE);
        for (Resources resource : Resources.values()) {
            grant(CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }
    }

    private void grantCoordinator() {
        String g = Role.COORDINATOR.group;
        grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(g, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.UPDATE_INSTANCE, Permissions.READ_TASK, Permissions.UPDATE_TASK, Permissions.READ_HISTORY);
        grant(g, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.UPDATE);
        grant(g, Resources.TASK, ANY, Permissions.READ, Permissions.UPDATE);
        grant(g, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(g, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    private void grantClinician() {
        String g = Role.CLINICIAN.group;
        grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // reading definitions lets Tasklist draw the diagram and load the deployed form; the tasks themselves
        // are granted by the engine to the candidate group of each task
        grant(g, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        grant(g, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    private void grantAuditor() {
        String g = Role.AUDITOR.group;
        grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(g, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_TASK, Permissions.READ_HISTORY);
        grant(g, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(g, Resources.TASK, ANY, Permissions.READ);
        grant(g, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(g, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    private void grantOperator() {
        String g = Role.OPERATOR.group;
        grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(g, Resources.APPLICATION, "admin", Permissions.ACCESS);
        // workers authenticate as operators: fetching and completing external tasks needs READ and UPDATE
        grant(g, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.UPDATE_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK);
        grant(g, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.UPDATE);
        grant(g, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(g, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(g, Resources.USER, ANY, Permissions.READ);
        grant(g, Resources.GROUP, ANY, Permissions.READ);
        grant(g, Resources.AUTHORIZATION, ANY, Permissions.READ);
    }

    private void grantWorker(Role role) {
        String g = role.group;
        // fetch-and-lock reads instances, complete/failure/bpmnError update them, progress sets their variables;
        // no webapp, no tasks of people, no history
        grant(g, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.UPDATE_INSTANCE);
        grant(g, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.UPDATE);
    }

    private void ensureAdministratorsGroup() {
        if (identity.createGroupQuery().groupId(CAMUNDA_ADMIN).count() == 0) {
            Group admins = identity.newGroup(CAMUNDA_ADMIN);
            admins.setName("Camunda administrators");
            admins.setType("SYSTEM");
            identity.saveGroup(admins);
        }
    }

    private void ensureGroup(Role role) {
        if (identity.createGroupQuery().groupId(role.group).count() == 0) {
            Group group = identity.newGroup(role.group);
            group.setName(role.displayName);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization a = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        a.setGroupId(group);
        a.setResource(resource);
        a.setResourceId(resourceId);
        for (Permission p : permissions) {
            a.addPermission(p);
        }
        authorizations.saveAuthorization(a);
    }
}
