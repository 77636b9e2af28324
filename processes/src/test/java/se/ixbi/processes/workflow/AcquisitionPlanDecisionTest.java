package se.ixbi.processes.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The acquisition-plan table: standard protocols inside the 50 kGy dose envelope, rejections outside it. */
class AcquisitionPlanDecisionTest {

    static DmnEngine engine;
    static DmnDecision decision;

    @BeforeAll
    static void parse() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = AcquisitionPlanDecisionTest.class.getResourceAsStream("/dmn/acquisition-plan.dmn")) {
            decision = engine.parseDecision(ProcessConstants.DECISION_ACQUISITION_PLAN, in);
        }
    }

    static DmnDecisionResultEntries plan(String tissue, double sizeMm, double resolutionUm) {
        return engine.evaluateDecision(decision, Map.of("tissueType", tissue, "specimenSizeMm", sizeMm,
                "targetResolutionUm", resolutionUm)).getSingleResult();
    }

    @ParameterizedTest(name = "{0}, {1} mm at {2} µm → {3} keV, {4} µm pixels, distances {5} mm")
    @CsvSource({
            "liver,    1.5, 0.7, 17, 0.55, '15,30,60,120', 3600, 38000",
            "liver,    3.0, 1.0, 22, 1.0,  '30,90,270',    2400, 12000",
            "kidney,   6.0, 2.5, 27, 2.0,  '100,400',      1800, 3500",
            "lung,    12.0, 8.0, 33, 4.0,  '300,900',      1800, 1200",
            "bone,     5.0, 3.0, 35, 2.0,  '200,600',      2400, 6000"})
    void standardProtocolsStayInsideTheDoseEnvelope(String tissue, double size, double resolution, double energyKev,
            double pixelUm, String distances, int projections, double doseGy) {
        DmnDecisionResultEntries plan = plan(tissue, size, resolution);
        assertThat(plan.<Boolean>getEntry("withinDoseEnvelope")).isTrue();
        assertThat(plan.<Double>getEntry("energyKev")).isEqualTo(energyKev);
        assertThat(plan.<Double>getEntry("pixelSizeUm")).isEqualTo(pixelUm);
        assertThat(plan.<String>getEntry("propagationDistancesMm")).isEqualTo(distances);
        assertThat(plan.<Integer>getEntry("projections")).isEqualTo(projections);
        assertThat(plan.<Double>getEntry("estimatedDoseGy")).isEqualTo(doseGy).isLessThanOrEqualTo(50_000);
        assertThat(pixelUm).as("pixel no coarser than the target resolution").isLessThanOrEqualTo(resolution);
    }

    @ParameterizedTest(name = "{0}, {1} mm at {2} µm is rejected: {3}")
    @CsvSource({
            "liver,  3.0, 0.3, dose",
            "bone,   3.0, 1.0, Calcified",
            "liver,  3.0, 0.7, at most 2 mm",
            "liver, 20.0, 5.0, field of view",
            "liver, 10.0, 1.0, No standard acquisition protocol"})
    void plansOutsideTheEnvelopeAreRejectedWithAReason(String tissue, double size, double resolution, String reason) {
        DmnDecisionResultEntries plan = plan(tissue, size, resolution);
        assertThat(plan.<Boolean>getEntry("withinDoseEnvelope")).isFalse();
        assertThat(plan.<String>getEntry("planNote")).contains(reason);
    }
}
