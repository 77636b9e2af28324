package se.ixbi.processes.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One user per role for the embedded default, password equal to the name. Off in production, where users come
 * from Keycloak.
 */
@Component
@ConditionalOnProperty(name = "ixbi.demo-users.enabled", havingValue = "true")
class DemoUsers {

    private static final String CAMUNDA_ADMIN = "camunda-admin";

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    DemoUsers(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void create() {
        for (Role role : Role.values()) {
            String id = role.group;
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
                user.setLastName("(demo)");
                user.setEmail(id + "@ixbi.invalid");
                user.setPassword(id);
                identity.saveUser(user);
                identity.createMembership(id, role.group);
            }
        }
        // the platform operator administers users and authorizations in the Admin webapp
        if (identity.createGroupQuery().groupId(CAMUNDA_ADMIN).count() == 0) {
            var admins = identity.newGroup(CAMUNDA_ADMIN);
            admins.setName("Camunda administrators");
            admins.setType("SYSTEM");
            identity.saveGroup(admins);
            for (Resources resource : Resources.values()) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
        if (identity.createUserQuery().userId(Role.OPERATOR.group).memberOfGroup(CAMUNDA_ADMIN).count() == 0) {
            identity.createMembership(Role.OPERATOR.group, CAMUNDA_ADMIN);
        }
    }
}
