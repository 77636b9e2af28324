package se.ixbi.processes.casefile;

import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import se.ixbi.processes.console.ConsolePage;
import se.ixbi.processes.console.Viewer;

/** A case's page: coordinators, operators and auditors see any case; clinicians the cases they take part in. */
@Controller
@ConsolePage
class CaseFilePage {

    private final CaseFile cases;

    CaseFilePage(CaseFile cases) {
        this.cases = cases;
    }

    @GetMapping("/cases/{caseId}")
    @PreAuthorize("hasAnyRole('coordinator', 'operator', 'auditor', 'clinician')")
    String show(@PathVariable String caseId, Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        boolean seesAll = viewer.is("coordinator") || viewer.is("operator") || viewer.is("auditor");
        if (!seesAll && !cases.clinicianTakesPart(caseId, viewer.name(), List.copyOf(viewer.roles()))) {
            throw new AccessDeniedException(viewer.name() + " takes no part in case " + caseId);
        }
        model.addAttribute("file", cases.read(caseId, viewer.name()));
        return "casefile/case";
    }
}
