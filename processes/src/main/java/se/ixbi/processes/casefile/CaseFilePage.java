package se.ixbi.processes.casefile;

import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import se.ixbi.processes.console.ConsolePage;
import se.ixbi.processes.console.Viewer;
import se.ixbi.processes.mycases.MyCases;

/**
 * A case's page and its pictures: coordinators, operators and auditors see any case; clinicians the cases they take
 * part in.
 */
@Controller
@ConsolePage
class CaseFilePage {

    private final CaseFile cases;
    private final MyCases clinicians;

    CaseFilePage(CaseFile cases, MyCases clinicians) {
        this.cases = cases;
        this.clinicians = clinicians;
    }

    @GetMapping("/cases/{caseId}")
    @PreAuthorize("hasAnyRole('coordinator', 'operator', 'auditor', 'clinician')")
    String show(@PathVariable String caseId, Authentication authentication, Model model) {
        Viewer viewer = mayOpen(caseId, authentication);
        model.addAttribute("file", cases.read(caseId, viewer.name()));
        return "casefile/case";
    }

    /** A picture's PNG, read from the store by the server; private to the viewer's browser, kept for an hour. */
    @GetMapping("/cases/{caseId}/pictures/{pictureId}")
    @PreAuthorize("hasAnyRole('coordinator', 'operator', 'auditor', 'clinician')")
    ResponseEntity<byte[]> picture(@PathVariable String caseId, @PathVariable String pictureId,
            Authentication authentication) {
        mayOpen(caseId, authentication);
        return cases.picture(caseId, pictureId)
                .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()).body(png))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private Viewer mayOpen(String caseId, Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        boolean seesAll = viewer.is("coordinator") || viewer.is("operator") || viewer.is("auditor");
        if (!seesAll && !clinicians.takesPart(caseId, viewer.name(), List.copyOf(viewer.roles()))) {
            throw new AccessDeniedException(viewer.name() + " takes no part in case " + caseId);
        }
        return viewer;
    }
}
