package se.ixbi.processes.console;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The person looking at a console page: their user name and roles, for the navigation and for what a page offers
 * (the server checks every action again; hiding a button is not the check).
 */
public record Viewer(String name, Set<String> roles) {

    private static final String PREFIX = "ROLE_";

    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Viewer(null, Set.of());
        }
        return new Viewer(authentication.getName(), roles(authentication.getAuthorities()));
    }

    private static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(PREFIX))
                .map(a -> a.substring(PREFIX.length())).collect(Collectors.toUnmodifiableSet());
    }

    public boolean signedIn() {
        return name != null;
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** The pipeline board, its statistics and the work queue. */
    public boolean seesBoard() {
        return is("coordinator") || is("operator");
    }

    /** The audit trail and any case's history, read only. */
    public boolean seesAudit() {
        return is("auditor") || is("coordinator");
    }

    /** The service catalogue: every person's role. */
    public boolean seesServices() {
        return seesBoard() || is("clinician") || is("auditor");
    }

    /** Tasklist: the roles with tasks of their own. */
    public boolean hasTasklist() {
        return is("coordinator") || is("clinician") || is("operator");
    }

    /** Cockpit: reading the processes (auditors read only). */
    public boolean hasCockpit() {
        return is("coordinator") || is("auditor") || is("operator");
    }
}
