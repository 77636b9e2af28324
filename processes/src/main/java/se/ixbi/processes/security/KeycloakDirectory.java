package se.ixbi.processes.security;

import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In Keycloak mode the engine reads users and groups from the realm (read-only), so Tasklist, Admin, candidate
 * groups and authorizations work unchanged. Requests do not depend on it: their user and groups come from the token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "keycloak")
class KeycloakDirectory {

    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(IdentityProperties identity) {
        KeycloakEndpoints keycloak = KeycloakEndpoints.of(identity);
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(keycloak.issuer());
        plugin.setKeycloakAdminUrl(keycloak.adminApi());
        plugin.setClientId(identity.directoryClientId());
        plugin.setClientSecret(identity.directorySecret());
        // user ids are user names (as in history and in the tokens), group ids the paths of the top-level groups,
        // i.e. their names (as candidate groups and the tokens' groups claim); not Keycloak's UUIDs
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        // no administrator group here: the plugin would look it up in Keycloak while the engine starts, and the engine
        // must start while Keycloak is down (RoleAuthorizations grants camunda-admin itself)
        plugin.setCacheEnabled(true);
        plugin.setCacheExpirationTimeoutMin(5);
        return plugin;
    }
}
