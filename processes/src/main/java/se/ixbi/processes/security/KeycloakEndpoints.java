package se.ixbi.processes.security;

/**
 * A Keycloak realm's OIDC endpoints, derived from its issuer as Keycloak lays them out, so the engine needs no
 * discovery request (and no running Keycloak) to start.
 */
record KeycloakEndpoints(String issuer) {

    static KeycloakEndpoints of(IdentityProperties identity) {
        String issuer = identity.issuerUri().toString();
        return new KeycloakEndpoints(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer);
    }

    String authorization() {
        return issuer + "/protocol/openid-connect/auth";
    }

    String token() {
        return issuer + "/protocol/openid-connect/token";
    }

    String jwkSet() {
        return issuer + "/protocol/openid-connect/certs";
    }

    String userInfo() {
        return issuer + "/protocol/openid-connect/userinfo";
    }

    /** The realm's admin REST API: {@code <base>/admin/realms/<realm>} for issuer {@code <base>/realms/<realm>}. */
    String adminApi() {
        int realms = issuer.lastIndexOf("/realms/");
        return issuer.substring(0, realms) + "/admin" + issuer.substring(realms);
    }

    String endSession() {
        return issuer + "/protocol/openid-connect/logout";
    }
}
