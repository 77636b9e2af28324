package se.ixbi.processes.console;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is looking. */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleModel {

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        return Viewer.of(authentication);
    }
}
