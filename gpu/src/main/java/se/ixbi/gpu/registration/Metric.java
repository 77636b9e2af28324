package se.ixbi.gpu.registration;

import java.util.stream.IntStream;

/**
 * A similarity measure between the fixed samples and the moving image under an affine transform, to be minimised,
 * with its gradient by the twelve affine parameters about a centre c: {@code T(p) = A·(p − c) + c + t}, the gradient
 * ordered as A (row major) then t. Work is split into blocks of samples run on all cores.
 */
public abstract class Metric {

    static final int BLOCK = 4096;

    final FixedSamples samples;
    final MovingImage moving;

    Metric(FixedSamples samples, MovingImage moving) {
        this.samples = samples;
        this.moving = moving;
    }

    /** The value to minimise; fills {@code gradient} (12 values) when it is not null. */
    abstract double evaluate(AffineTransform transform, double[] centre, double[] gradient);

    /** The metric's value as users read it (NCC in [−1, 1], MI in nats). */
    abstract double reported(double value);

    /** Fraction of fixed samples that landed inside the moving image at the last evaluation. */
    abstract double overlap();

    int blocks() {
        return (samples.count + BLOCK - 1) / BLOCK;
    }

    IntStream blockStream() {
        return IntStream.range(0, blocks()).parallel();
    }

    /** Adds {@code weight · ∂m/∂μ} for one sample with moving gradient g at fixed point p (centred). */
    static void accumulate(double[] into, int offset, double weight, double gz, double gy, double gx, double pz,
            double py, double px) {
        double wz = weight * gz;
        double wy = weight * gy;
        double wx = weight * gx;
        into[offset] += wz * pz;
        into[offset + 1] += wz * py;
        into[offset + 2] += wz * px;
        into[offset + 3] += wy * pz;
        into[offset + 4] += wy * py;
        into[offset + 5] += wy * px;
        into[offset + 6] += wx * pz;
        into[offset + 7] += wx * py;
        into[offset + 8] += wx * px;
        into[offset + 9] += wz;
        into[offset + 10] += wy;
        into[offset + 11] += wx;
    }

    /** A sample landing in fewer than this fraction of the moving image means the images do not overlap. */
    static final double MIN_OVERLAP = 0.25;
}
