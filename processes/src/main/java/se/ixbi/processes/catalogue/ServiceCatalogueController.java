package se.ixbi.processes.catalogue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import se.ixbi.processes.cases.CaseStage;

@RestController
@Tag(name = "services")
class ServiceCatalogueController {

    private final ServiceCatalogue catalogue;

    ServiceCatalogueController(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A service as the API shows it: targets in days, access modes and readiness by their ids. */
    record ServiceView(String id, String name, String provider, String description, List<AccessMode> accessModes,
            Map<CaseStage, Double> turnaroundDays, int capacityPerWeek, Readiness readiness) {
    }

    record CatalogueView(List<ServiceView> services, List<UseCase> useCases) {
    }

    @GetMapping(path = "/api/services", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('coordinator', 'clinician', 'auditor', 'operator')")
    @Operation(summary = "The joint services of the cluster (access modes, turnaround target per pipeline stage in "
            + "days, capacity per week, readiness) and the use cases a case may name, with the services each needs")
    CatalogueView catalogue() {
        return new CatalogueView(catalogue.services().stream().map(ServiceCatalogueController::view).toList(),
                catalogue.useCases());
    }

    static ServiceView view(ServiceOffer s) {
        Map<CaseStage, Double> days = new LinkedHashMap<>();
        s.turnaround().forEach((stage, target) -> days.put(stage, days(target)));
        return new ServiceView(s.id(), s.name(), s.provider(), s.description(), s.accessModes(), days,
                s.capacityPerWeek(), s.readiness());
    }

    private static double days(Duration d) {
        return d.toMinutes() / (24.0 * 60);
    }
}
