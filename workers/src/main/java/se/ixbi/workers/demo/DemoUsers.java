package se.ixbi.workers.demo;

import java.util.Map;
import java.util.function.Function;

/** The embedded default's demo users (password = user name), signed in over HTTP Basic or through Keycloak. */
public final class DemoUsers {

    private static final Map<String, String> PASSWORDS = Map.of("coordinator", "coordinator", "clinician",
            "clinician", "operator", "operator");

    private DemoUsers() {
    }

    /** The {@code Authorization} header of each demo user: through {@code issuer}'s realm when one is given. */
    public static Function<String, String> signIn(String issuer) {
        return issuer != null ? DemoRun.keycloak(issuer, PASSWORDS) : DemoRun.passwords(PASSWORDS);
    }

    /** The issuer given, or the environment's when it selects Keycloak mode; else none (HTTP Basic). */
    public static String issuer(String given) {
        if (given != null) {
            return given;
        }
        return "keycloak".equalsIgnoreCase(System.getenv("IXBI_IDENTITY_MODE"))
                ? System.getenv("IXBI_IDENTITY_ISSUER_URI") : null;
    }
}
