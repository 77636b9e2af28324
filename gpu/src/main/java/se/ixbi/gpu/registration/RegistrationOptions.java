package se.ixbi.gpu.registration;

/**
 * What to register with. Defaults follow elastix's common choices where they exist: three resolution levels, 32
 * histogram bins, a few thousand samples per level. {@code searchAngleDeg} bounds the coarse rotation search (0
 * turns it off); {@code initial}, when set, replaces the automatic initialisation (a region of interest's centre, a
 * previous result); {@code seed} draws the fixed samples.
 */
public record RegistrationOptions(TransformModel model, MetricKind metric, int levels, int samples, int bins,
        int iterations, double searchAngleDeg, double searchStepDeg, AffineTransform initial, long seed) {

    public enum MetricKind {
        /** Normalised cross-correlation. */
        NCC,
        /** Mattes mutual information. */
        MI
    }

    public RegistrationOptions {
        if (levels < 1 || levels > 6) {
            throw new IllegalArgumentException("levels must be 1 to 6, got " + levels);
        }
        if (samples < 256) {
            throw new IllegalArgumentException("at least 256 samples are needed, got " + samples);
        }
        if (bins < 8 || bins > 256) {
            throw new IllegalArgumentException("histogram bins must be 8 to 256, got " + bins);
        }
        if (searchAngleDeg < 0 || searchAngleDeg > 180 || (searchAngleDeg > 0 && searchStepDeg <= 0)) {
            throw new IllegalArgumentException("search angle must be 0 to 180° with a positive step");
        }
    }

    public static RegistrationOptions defaults(TransformModel model, MetricKind metric) {
        return new RegistrationOptions(model, metric, 3, 50_000, 32, 300, 30, 15, null, 17);
    }

    public RegistrationOptions withInitial(AffineTransform transform) {
        return new RegistrationOptions(model, metric, levels, samples, bins, iterations, searchAngleDeg,
                searchStepDeg, transform, seed);
    }

    public RegistrationOptions withSearch(double angleDeg, double stepDeg) {
        return new RegistrationOptions(model, metric, levels, samples, bins, iterations, angleDeg, stepDeg, initial,
                seed);
    }

    public RegistrationOptions withLevels(int count) {
        return new RegistrationOptions(model, metric, count, samples, bins, iterations, searchAngleDeg,
                searchStepDeg, initial, seed);
    }

    /** Another draw of the fixed samples: a second run from the result measures how precise it is. */
    public RegistrationOptions withSeed(long value) {
        return new RegistrationOptions(model, metric, levels, samples, bins, iterations, searchAngleDeg,
                searchStepDeg, initial, value);
    }
}
