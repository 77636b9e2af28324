package se.ixbi.processes.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param enabled create the demo users (password = user name) and their authorizations at start-up */
@ConfigurationProperties("ixbi.demo-users")
record DemoUsersProperties(boolean enabled) {
}
