package se.ixbi.gpu.registration;

import java.util.List;

/**
 * A registration's outcome: {@code fixedToMoving} maps a point of the fixed image's physical space to the moving
 * image's, the metric's final value as users read it (NCC, or MI in nats), the fraction of fixed samples that fell
 * inside the moving image, and what each level did.
 */
public record RegistrationResult(AffineTransform fixedToMoving, RegistrationOptions.MetricKind metric,
        double metricValue, double overlap, List<LevelReport> levels, int candidatesTried, double seconds) {

    public record LevelReport(double spacingUm, int iterations, double metricValue) {
    }
}
