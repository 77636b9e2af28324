package se.ixbi.processes.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import se.ixbi.processes.enginerest.EngineRestAuthenticationFilter;

/** What both identity modes share: which paths are open, and how {@code /engine-rest} learns its user. */
final class WebSecurity {

    /**
     * The Admin webapp's first-user setup would let anyone create an administrator while no camunda-admin member
     * exists: administrators are provisioned by configuration instead.
     */
    static final RequestMatcher ADMIN_SETUP = path("/camunda/api/admin/setup/**");

    /** The console's pages and their assets (Thymeleaf pages, styles, htmx); the API is {@code /api}. */
    static final RequestMatcher CONSOLE = new OrRequestMatcher(path("/"), path("/board/**"), path("/statistics"),
            path("/queue/**"), path("/services"),
            path("/cases/**"), path("/my-cases"), path("/audit/**"), path("/login"), path("/logout"), path("/console/**"),
            path("/webjars/**"));

    /** Styles and scripts: the sign-in page needs them before anyone is signed in. */
    static final RequestMatcher CONSOLE_ASSETS = new OrRequestMatcher(path("/console/**"), path("/webjars/**"));

    private WebSecurity() {
    }

    /** The webapps (their own login and CSRF) and {@code /engine-rest} (Camunda's authentication filter). */
    static HttpSecurity webappsAndEngineRest(HttpSecurity http) {
        // path matchers, not MVC matchers: the webapps' API and engine-rest are JAX-RS servlets
        return http.securityMatcher(new OrRequestMatcher(path("/camunda/**"), path("/engine-rest/**")));
    }

    /** Health, the error page and static pages without data are open; everything else needs a signed-in user. */
    static void openPaths(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                // Tasklist frames the static welcome page of the webjar, and browsers ask for the icon
                .requestMatchers("/error", "/favicon.ico", "/camunda-welcome/**").permitAll()
                .requestMatchers(CONSOLE_ASSETS).permitAll()
                .anyRequest().authenticated();
    }

    /** Camunda's own filter on {@code /engine-rest}: it sets the engine's user and groups for each call. */
    static FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthentication(
            AuthenticationProvider provider, ObjectProvider<ProcessEngine> engine) {
        FilterRegistrationBean<EngineRestAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAuthenticationFilter(provider, engine::getObject));
        registration.setName("camunda-rest-auth");
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }

    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
