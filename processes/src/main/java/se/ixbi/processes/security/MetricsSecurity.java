package se.ixbi.processes.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/prometheus} for the monitoring system's scrape account, in both identity modes: Prometheus sends
 * HTTP Basic from a secret file ({@code basic_auth.password_file}), the same on engine and worker nodes. The account
 * is not a person and has no Camunda user; its only role is {@code ROLE_METRICS}. Without a configured password the
 * demo mode takes the user name as password, like its demo users; the Keycloak mode refuses every scrape.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurity {

    private static final Logger log = LoggerFactory.getLogger(MetricsSecurity.class);
    static final String ROLE = "METRICS";

    @Bean
    @Order(0)
    SecurityFilterChain metricsScrape(HttpSecurity http, @Value("${ixbi.metrics.username:prometheus}") String user,
            @Value("${ixbi.metrics.password:}") String password,
            @Value("${ixbi.identity.mode:demo}") String mode) throws Exception {
        String expected = password.isBlank() && "demo".equalsIgnoreCase(mode) ? user : password;
        if (expected.isBlank()) {
            log.warn("no password for the metrics scrape account (IXBI_METRICS_PASSWORD): /actuator/prometheus "
                    + "refuses every request");
        }
        return http
                .securityMatcher(WebSecurity.path("/actuator/prometheus"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(ROLE))
                .authenticationManager(scrapeAccount(user, expected))
                // a browser gets no Basic challenge, so it never shows its own password dialog
                .httpBasic(basic -> basic.authenticationEntryPoint(
                        new ChallengeOnlyNonBrowsers("Basic realm=\"IXBI metrics\"")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static AuthenticationManager scrapeAccount(String user, String password) {
        byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return authentication -> {
            byte[] given = (authentication.getName() + ":" + authentication.getCredentials())
                    .getBytes(StandardCharsets.UTF_8);
            if (password.isBlank() || !MessageDigest.isEqual(expected, given)) {
                throw new BadCredentialsException("not the metrics scrape account");
            }
            return UsernamePasswordAuthenticationToken.authenticated(user, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        };
    }
}
