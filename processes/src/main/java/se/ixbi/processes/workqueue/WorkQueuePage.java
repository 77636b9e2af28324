package se.ixbi.processes.workqueue;

import java.security.Principal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.ixbi.processes.console.ConsolePage;

/** The work queue: what the workers have, hold and failed; operators retry incidents here. */
@Controller
@ConsolePage
class WorkQueuePage {

    private final WorkQueue queue;

    WorkQueuePage(WorkQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/queue")
    @PreAuthorize("hasAnyRole('coordinator', 'operator')")
    String queue(Model model) {
        model.addAttribute("topics", queue.topics());
        model.addAttribute("incidents", queue.incidents());
        return "workqueue/queue";
    }

    /** The queue's figures alone, for the page's live refresh. */
    @GetMapping("/queue/live")
    @PreAuthorize("hasAnyRole('coordinator', 'operator')")
    String live(Model model) {
        model.addAttribute("topics", queue.topics());
        return "workqueue/queue :: topics";
    }

    @PostMapping("/queue/incidents/{incidentId}/retry")
    @PreAuthorize("hasRole('operator')")
    String retry(@PathVariable String incidentId, Principal operator, RedirectAttributes flash) {
        flash.addFlashAttribute("message", queue.retry(incidentId, operator.getName())
                .map(i -> "Retried " + i.activity() + (i.caseId() != null ? " of " + i.caseId() : "")
                        + ": a worker takes it up again.")
                .orElse("That incident is no longer open (resolved meanwhile) or cannot be retried here."));
        return "redirect:/queue";
    }
}
