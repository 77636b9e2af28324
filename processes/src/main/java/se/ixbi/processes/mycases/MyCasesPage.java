package se.ixbi.processes.mycases;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import se.ixbi.processes.console.ConsolePage;
import se.ixbi.processes.console.Viewer;

/** The clinicians' start page: their cases, each with what waits for them in it. */
@Controller
@ConsolePage
class MyCasesPage {

    private final MyCases cases;

    MyCasesPage(MyCases cases) {
        this.cases = cases;
    }

    @GetMapping("/my-cases")
    @PreAuthorize("hasRole('clinician')")
    String mine(Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        model.addAttribute("cases", cases.of(viewer.name(), List.copyOf(viewer.roles())));
        return "mycases/my-cases";
    }
}
