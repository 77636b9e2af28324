package se.ixbi.processes.catalogue;

import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import se.ixbi.processes.console.ConsolePage;

/** The service catalogue as a page: what the cluster offers, to whom, how fast. */
@Controller
@ConsolePage
class ServicesPage {

    private final ServiceCatalogue catalogue;

    ServicesPage(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/services")
    @PreAuthorize("hasAnyRole('coordinator', 'clinician', 'auditor', 'operator')")
    String services(Model model) {
        model.addAttribute("services", catalogue.services());
        model.addAttribute("useCases", catalogue.useCases());
        model.addAttribute("serviceNames", catalogue.services().stream()
                .collect(Collectors.toMap(ServiceOffer::id, ServiceOffer::name)));
        return "catalogue/services";
    }
}
