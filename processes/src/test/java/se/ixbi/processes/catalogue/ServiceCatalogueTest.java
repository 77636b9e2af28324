package se.ixbi.processes.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import se.ixbi.processes.cases.CaseStage;

class ServiceCatalogueTest {

    private static final ServiceCatalogue SHIPPED = CatalogueConfiguration.read(
            new ClassPathResource("catalogue/services.yml"));

    @Test
    void theShippedCatalogueOffersTheClustersServices() {
        assertThat(SHIPPED.services()).extracting(ServiceOffer::id).contains("xray-phase-contrast",
                "vem-room-temperature-fib-sem", "vem-cryo-plasma-fib-sem", "omics-in-situ-sequencing",
                "omics-targeted-proteomics", "omics-mass-spectrometry-imaging", "ai-analysis");
        ServiceOffer xray = SHIPPED.services().stream().filter(s -> s.id().equals("xray-phase-contrast")).findFirst()
                .orElseThrow();
        assertThat(xray.accessModes()).containsExactly(AccessMode.RAPID_ACCESS, AccessMode.PROPOSAL_ROUND,
                AccessMode.COLLABORATIVE_PROJECT);
        assertThat(xray.turnaround()).containsEntry(CaseStage.XRAY, Duration.ofDays(21));
        assertThat(xray.readiness()).isEqualTo(Readiness.OPERATIONAL);
        assertThat(SHIPPED.useCase("liver-fibrosis")).isPresent();
    }

    @Test
    void aStageSharedByParallelServicesTakesTheLongestTarget() {
        // volume EM (28 days) and in-situ sequencing (21 days) run side by side in the correlative stage
        assertThat(SHIPPED.target("liver-fibrosis", CaseStage.CORRELATIVE)).contains(Duration.ofDays(28));
        assertThat(SHIPPED.target("lung-adenocarcinoma", CaseStage.CORRELATIVE)).contains(Duration.ofDays(21));
        assertThat(SHIPPED.target("liver-fibrosis", CaseStage.CONSENT)).contains(Duration.ofDays(7));
        assertThat(SHIPPED.target("liver-fibrosis", CaseStage.WITHDRAWAL)).isEmpty();
        assertThat(SHIPPED.target("banana", CaseStage.XRAY)).isEmpty();
        assertThat(SHIPPED.stageTargets()).containsEntry(CaseStage.CORRELATIVE, Duration.ofDays(42));
    }

    @Test
    void aUseCaseThatNeedsAnUnknownServiceStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> read("""
                services:
                  - {id: xray, name: X-ray, accessModes: [rapid-access], turnaround: {XRAY: P21D},
                     capacityPerWeek: 8, readiness: operational}
                useCases:
                  - {id: liver-fibrosis, name: Liver, services: [xray, vem]}
                """)).hasMessageContaining("use case liver-fibrosis needs the service vem, which the catalogue "
                + "does not offer");
    }

    @Test
    void mistakesInAServiceAreNamed() {
        assertThatThrownBy(() -> read("""
                services:
                  - {id: xray, name: X-ray, accessModes: [rapid-access], turnaround: {XRAY: P21D},
                     capacityPerWeek: 8, readiness: operational}
                  - {id: xray, name: Again, accessModes: [rapid-access], turnaround: {XRAY: P1D},
                     capacityPerWeek: 1, readiness: operational}
                useCases: []
                """)).hasMessageContaining("two of the catalogue's services have the id xray");
        assertThatThrownBy(() -> read("""
                services:
                  - {id: xray, name: X-ray, accessModes: [by-email], turnaround: {XRAY: P21D},
                     capacityPerWeek: 8, readiness: operational}
                useCases: []
                """)).hasMessageContaining("by-email");
        assertThatThrownBy(() -> read("""
                services:
                  - {id: xray, name: X-ray, accessModes: [rapid-access], turnaround: {},
                     capacityPerWeek: 8, readiness: operational}
                useCases: []
                """)).hasMessageContaining("service xray names no stage with a turnaround target");
        assertThatThrownBy(() -> read("""
                services:
                  - {id: xray, name: X-ray, accessModes: [rapid-access], turnaround: {XRAY: P21D},
                     capacityPerWeek: 8, readiness: operational, price: 3}
                useCases: []
                """)).hasMessageContaining("price");
    }

    private static ServiceCatalogue read(String yaml) {
        return CatalogueConfiguration.read(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8),
                "a test catalogue"));
    }
}
