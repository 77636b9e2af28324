package se.ixbi.processes.security;

import java.net.URI;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;

/**
 * The console's pages load scripts and styles from the server only, and post forms only to the server (and, in
 * Keycloak mode, to Keycloak, where sign-out leads). Only for the console: the Camunda webapps send their own
 * policy, and two policies would both apply.
 */
final class ConsolePolicy {

    private ConsolePolicy() {
    }

    /** @param identityProvider the origin forms may lead to besides the server's own, or null */
    static HeaderWriter header(String identityProvider) {
        String forms = identityProvider == null ? "'self'" : "'self' " + identityProvider;
        // inline style attributes only (the specimen tree's indent, the charts' drawing); no inline script
        String policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                + "frame-ancestors 'none'; form-action " + forms;
        return new DelegatingRequestMatcherHeaderWriter(WebSecurity.CONSOLE, new ContentSecurityPolicyHeaderWriter(
                policy));
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
