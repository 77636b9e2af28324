package se.ixbi.fhirbridge.system;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

/**
 * The hospital's OAuth2 authorization server, on loopback: Spring Authorization Server with one confidential client
 * for the bridge (client credentials, secret sent by HTTP Basic), signing short-lived JWT access tokens whose keys
 * it publishes, so that a FHIR server can check them as a real one does.
 */
public final class TokenServer implements AutoCloseable {

    public static final String CLIENT_ID = "ixbi-fhir-bridge";
    public static final String CLIENT_SECRET = "bridge-secret-from-the-environment";
    public static final String SCOPE = "system/*.write";

    private final int port = ServerProcess.freePort();
    private final Duration tokenLifetime;
    private final AtomicInteger issued = new AtomicInteger();
    private Tomcat tomcat;

    public TokenServer(Duration tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
    }

    public TokenServer start() {
        tomcat = new Tomcat();
        try {
            tomcat.setBaseDir(Files.createTempDirectory("token-server").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setPort(port);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            GenericWebApplicationContext spring = new GenericWebApplicationContext(servletContext);
            AnnotationConfigUtils.registerAnnotationConfigProcessors(spring);
            spring.registerBean(TokenServer.class, () -> this);
            spring.registerBean(Endpoints.class);
            spring.refresh();
            servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain", spring))
                    .addMappingForUrlPatterns(null, false, "/*");
        }, null);
        Tomcat.addServlet(context, "nothing-else", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(404);
            }
        });
        context.addServletMappingDecoded("/", "nothing-else");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    public URI tokenUrl() {
        return URI.create(issuer() + "/oauth2/token");
    }

    /** Checks a token as a resource server does: signature by the published keys, expiry, issuer. */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer() + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer()));
        return decoder;
    }

    /** Access tokens signed so far. */
    public int issued() {
        return issued.get();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registered by hand rather than as a {@code @Configuration}, so that the bridge's component scan leaves it out. */
    @EnableWebSecurity
    static class Endpoints {

        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, Customizer.withDefaults())
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
            return http.build();
        }

        @Bean
        RegisteredClientRepository clients(TokenServer owner) {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope(SCOPE)
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(owner.tokenLifetime).build())
                    .build());
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> countIssued(TokenServer owner) {
            return context -> owner.issued.incrementAndGet();
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        AuthorizationServerSettings settings(TokenServer owner) {
            return AuthorizationServerSettings.builder().issuer(owner.issuer()).build();
        }
    }
}
