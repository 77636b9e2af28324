package se.ixbi.processes.board;

import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.console.ConsolePage;
import se.ixbi.processes.console.Viewer;

/** The coordinators' and operators' start page: every active case, refreshed live. */
@Controller
@ConsolePage
class BoardPage {

    /** The stages a case can be in while active, in pipeline order (the filter's choices). */
    static final List<CaseStage> ACTIVE_STAGES = List.of(CaseStage.REGISTERED, CaseStage.CONSENT, CaseStage.BIOPSY,
            CaseStage.XRAY, CaseStage.CORRELATIVE, CaseStage.ANALYSIS, CaseStage.WITHDRAWAL);

    private final PipelineBoard board;
    private final ServiceCatalogue catalogue;

    BoardPage(PipelineBoard board, ServiceCatalogue catalogue) {
        this.board = board;
        this.catalogue = catalogue;
    }

    @GetMapping("/")
    String home(Authentication authentication, @RequestParam(required = false) CaseStage stage,
            @RequestParam(required = false) String useCase, @RequestParam(defaultValue = "false") boolean late,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int limit, Model model) {
        Viewer viewer = Viewer.of(authentication);
        if (!viewer.seesBoard()) {
            // each role starts on its own page
            if (viewer.seesAudit()) {
                return "redirect:/audit";
            }
            if (viewer.is("clinician")) {
                return "redirect:/my-cases";
            }
            if (viewer.seesServices()) {
                return "redirect:/services";
            }
            throw new AccessDeniedException("the console has no page for " + viewer.name() + "'s roles");
        }
        model.addAttribute("stages", ACTIVE_STAGES);
        model.addAttribute("useCases", catalogue.useCases());
        show(new BoardFilter(stage, useCase, late, sort, limit), model);
        return "board/board";
    }

    /** The board's rows alone, for the page's live refresh. */
    @GetMapping("/board/rows")
    @PreAuthorize("hasAnyRole('coordinator', 'operator')")
    String rows(@RequestParam(required = false) CaseStage stage, @RequestParam(required = false) String useCase,
            @RequestParam(defaultValue = "false") boolean late, @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int limit, Model model) {
        show(new BoardFilter(stage, useCase, late, sort, limit), model);
        return "board/board :: rows";
    }

    /** The first {@code limit} rows in the filter's order, and how many there are in all. */
    private void show(BoardFilter filter, Model model) {
        List<BoardRow> rows = board.rows(filter);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", rows.subList(0, Math.min(filter.limit(), rows.size())));
        model.addAttribute("total", rows.size());
    }
}
