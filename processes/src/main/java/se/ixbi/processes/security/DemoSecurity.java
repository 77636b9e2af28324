package se.ixbi.processes.security;

import java.time.Clock;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import se.ixbi.processes.enginerest.CachedBasicAuthentication;
import se.ixbi.processes.enginerest.CachedCredentials;
import se.ixbi.processes.enginerest.EngineRestAuthenticationFilter;

/**
 * The embedded default: demo users in the engine's own identity. {@code /api} uses Spring Security (HTTP Basic,
 * roles per operation); the console signs people in with its own form; the Camunda webapps keep their own session
 * login; {@code /engine-rest} authenticates with
 * the engine's HTTP Basic filter so that Camunda authorizations apply to every REST call.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "demo", matchIfMissing = true)
class DemoSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain camundaOwnSecurity(HttpSecurity http) throws Exception {
        return WebSecurity.webappsAndEngineRest(http)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(WebSecurity.ADMIN_SETUP).denyAll()
                        .anyRequest().permitAll())
                // the webapps send their own CSRF token; engine-rest is stateless Basic
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** The console: our own sign-in form, a session, and Spring's CSRF token in every form. */
    @Bean
    @Order(2)
    SecurityFilterChain consolePages(HttpSecurity http, CamundaIdentityAuthenticationProvider provider)
            throws Exception {
        return http
                .securityMatcher(WebSecurity.CONSOLE)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(WebSecurity.CONSOLE_ASSETS).permitAll()
                        .requestMatchers("/login").permitAll()
                        .anyRequest().authenticated())
                .authenticationProvider(provider)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .headers(headers -> headers.addHeaderWriter(ConsolePolicy.header(null)))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider)
            throws Exception {
        return http
                .authorizeHttpRequests(WebSecurity::openPaths)
                .authenticationProvider(provider)
                // a browser gets no Basic challenge, so it never shows its own password dialog
                .httpBasic(basic -> basic.authenticationEntryPoint(new ChallengeOnlyNonBrowsers("Basic realm=\"IXBI\"")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless Basic API: no cookie, so no cross-site request can ride on a session
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * HTTP Basic with each user's password, groups and tenants remembered for {@code ixbi.security.credential-cache-ttl}
     * (10 s by default; 0 checks every call): a changed password or membership takes effect within that time.
     */
    @Bean
    FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthentication(ObjectProvider<ProcessEngine> engine,
            @Value("${ixbi.security.credential-cache-ttl}") Duration ttl, Clock clock) {
        return WebSecurity.engineRestAuthentication(new CachedBasicAuthentication(new CachedCredentials(ttl, clock)),
                engine);
    }
}
