package se.ixbi.processes.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's own sign-in form in the embedded default (demo users); in Keycloak mode people sign in on
 * Keycloak's page instead. Spring Security handles the form's POST.
 */
@Controller
@ConsolePage
@ConditionalOnProperty(name = "ixbi.identity.mode", havingValue = "demo", matchIfMissing = true)
class SignInPage {

    @GetMapping("/login")
    String signIn() {
        return "console/sign-in";
    }
}
