package se.ixbi.processes.security;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import se.ixbi.processes.enginerest.EngineRestAuthenticationFilter;

/**
 * Keycloak mode: people sign in through Keycloak (authorization code with PKCE) to the webapps; {@code /api} and
 * {@code /engine-rest} take bearer JWTs of the realm, checked for signature, expiry, issuer and audience, with the
 * roles and groups the token carries. HTTP Basic is refused everywhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "keycloak")
class KeycloakSecurity {

    static final String REGISTRATION = "keycloak";

    @Bean
    JwtDecoder keycloakTokens(IdentityProperties identity) {
        return TokenDecoding.decoder(identity);
    }

    @Bean
    @Order(1)
    SecurityFilterChain bearerApis(HttpSecurity http, JwtDecoder tokens) throws Exception {
        return http
                .securityMatcher(new OrRequestMatcher(WebSecurity.path("/api/**"), WebSecurity.path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(tokens).jwtAuthenticationConverter(TokenDecoding.authentication()))
                        .authenticationEntryPoint(BearerProblems::unauthorized)
                        .accessDeniedHandler(BearerProblems::forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens ride on no cookie, so no cross-site request can use them
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserSessions(HttpSecurity http, ClientRegistrationRepository registrations,
            JwtDecoder tokens, IdentityProperties identity) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler signOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signOut.setPostLogoutRedirectUri("{baseUrl}/");
        signOut.setRedirectStrategy(new WebappSignOutRedirect());
        return http
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(WebSecurity.ADMIN_SETUP).denyAll();
                    WebSecurity.openPaths(auth);
                })
                .addFilterBefore(new SignInNeedsKeycloak(KeycloakEndpoints.of(identity)),
                        org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.class)
                .oauth2Login(login -> login
                        .userInfoEndpoint(info -> info.oidcUserService(rolesFromAccessToken(tokens))))
                // the webapps sign out through their own script (WebappSignOutGuard checks its token), the console
                // through Spring's POST /logout; both end the Keycloak session too
                .addFilterBefore(new WebappSignOutGuard(), LogoutFilter.class)
                // sign-out's form leads to Keycloak
                .headers(headers -> headers.addHeaderWriter(ConsolePolicy.header(
                        ConsolePolicy.origin(KeycloakEndpoints.of(identity).issuer()))))
                .logout(logout -> logout
                        .logoutRequestMatcher(new OrRequestMatcher(WebappSignOutGuard.SIGN_OUT,
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout")))
                        .logoutSuccessHandler(signOut))
                // the webapps protect themselves with their own CSRF token (header X-XSRF-TOKEN)
                .csrf(csrf -> csrf.ignoringRequestMatchers(WebSecurity.path("/camunda/**")))
                .build();
    }

    @Bean
    ClientRegistrationRepository keycloakClient(IdentityProperties identity) {
        KeycloakEndpoints keycloak = KeycloakEndpoints.of(identity);
        ClientRegistration web = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Keycloak")
                .clientId(identity.webClientId())
                .clientSecret(identity.webSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                // PKCE for the confidential client too, as the realm demands (S256)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(keycloak.issuer())
                .authorizationUri(keycloak.authorization())
                .tokenUri(keycloak.token())
                .jwkSetUri(keycloak.jwkSet())
                .userInfoUri(keycloak.userInfo())
                .userNameAttributeName(SignedInUser.USER_CLAIM)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", keycloak.endSession()))
                .build();
        return new InMemoryClientRegistrationRepository(web);
    }

    /** The realm roles of a person who signs in come from the access token, checked like any bearer token. */
    private static OAuth2UserService<OidcUserRequest, OidcUser> rolesFromAccessToken(JwtDecoder tokens) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            authorities.addAll(TokenDecoding.realmRoles(tokens.decode(request.getAccessToken().getTokenValue())));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), SignedInUser.USER_CLAIM);
        };
    }

    @Bean
    FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthentication(ObjectProvider<ProcessEngine> engine) {
        return WebSecurity.engineRestAuthentication(new TokenEngineAuthentication(), engine);
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-webapp-sign-in");
        registration.addInitParameter("authentication-provider", WebappSessionAuthentication.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        // after Spring Security's chain, which has put the session's user in place
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
