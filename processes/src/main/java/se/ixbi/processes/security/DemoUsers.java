package se.ixbi.processes.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One user per role for the embedded default, password equal to the name. Off in Keycloak mode, where users come
 * from Keycloak.
 */
@Component
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "demo", matchIfMissing = true)
class DemoUsers {

    private final IdentityService identity;

    DemoUsers(IdentityService identity) {
        this.identity = identity;
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
        String admins = RoleAuthorizations.CAMUNDA_ADMIN;
        if (identity.createUserQuery().userId(Role.OPERATOR.group).memberOfGroup(admins).count() == 0) {
            identity.createMembership(Role.OPERATOR.group, admins);
        }
    }
}
