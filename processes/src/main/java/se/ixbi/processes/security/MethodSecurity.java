package se.ixbi.processes.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** Roles per operation ({@code @PreAuthorize}) in both identity modes. */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurity {
}
