package se.ixbi.gpu.registration;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A similarity measure between the fixed samples and the moving image, to be minimised. At its core it takes where
 * each fixed sample lands in the moving image and returns, besides the value, the derivative of the value by each
 * landing point: any transform (affine, or one with an in-plane deformation) turns that into the derivative by its
 * own parameters. Work is split into blocks of samples run on all cores.
 */
public abstract class Metric {

    static final int BLOCK = 4096;

    /** Under this fraction of samples inside the moving image, the images are taken not to overlap. */
    static final double MIN_OVERLAP = 0.25;

    /** Where fixed sample k lands in the moving image (physical z, y, x). */
    interface PointMap {
        void map(int k, double[] out);
    }

    final FixedSamples samples;
    final MovingImage moving;

    Metric(FixedSamples samples, MovingImage moving) {
        this.samples = samples;
        this.moving = moving;
    }

    /**
     * The value to minimise; when {@code dPoint} (3 per sample) is given, fills it with ∂value/∂(landing point),
     * zero for samples that fell outside.
     */
    abstract double evaluate(PointMap map, double[] dPoint);

    /** The metric's value as users read it (NCC in [−1, 1], MI in nats). */
    abstract double reported(double value);

    /** Fraction of fixed samples that landed inside the moving image at the last evaluation. */
    abstract double overlap();

    /**
     * Under an affine, with the gradient by its twelve parameters about a centre c, {@code T(p) = A·(p − c) + c +
     * t}, ordered as A (row major) then t.
     */
    double evaluate(AffineTransform transform, double[] centre, double[] gradient) {
        double[] dPoint = gradient == null ? null : new double[3 * samples.count];
        double value = evaluate((k, out) -> transform.apply(samples.z[k], samples.y[k], samples.x[k], out), dPoint);
        if (gradient != null) {
            double[][] partial = new double[blocks()][12];
            blockStream().forEach(b -> {
                double[] acc = partial[b];
                int end = Math.min(samples.count, (b + 1) * BLOCK);
                for (int k = b * BLOCK; k < end; k++) {
                    double gz = dPoint[3 * k];
                    double gy = dPoint[3 * k + 1];
                    double gx = dPoint[3 * k + 2];
                    if (gz == 0 && gy == 0 && gx == 0) {
                        continue;
                    }
                    addAffineGradient(acc, gz, gy, gx, samples.z[k] - centre[0], samples.y[k] - centre[1],
                            samples.x[k] - centre[2]);
                }
            });
            Arrays.fill(gradient, 0);
            for (double[] a : partial) {
                for (int i = 0; i < 12; i++) {
                    gradient[i] += a[i];
                }
            }
        }
        return value;
    }

    /**
     * Adds one landing point's contribution to the gradient by an affine's twelve parameters (A row major, then t):
     * ∂value/∂A_kj = g_k·p_j and ∂value/∂t_k = g_k, for p the fixed point relative to the centre.
     */
    static void addAffineGradient(double[] g12, double gz, double gy, double gx, double pz, double py, double px) {
        g12[0] += gz * pz;
        g12[1] += gz * py;
        g12[2] += gz * px;
        g12[3] += gy * pz;
        g12[4] += gy * py;
        g12[5] += gy * px;
        g12[6] += gx * pz;
        g12[7] += gx * py;
        g12[8] += gx * px;
        g12[9] += gz;
        g12[10] += gy;
        g12[11] += gx;
    }

    int blocks() {
        return (samples.count + BLOCK - 1) / BLOCK;
    }

    IntStream blockStream() {
        return IntStream.range(0, blocks()).parallel();
    }

    /**
     * Pass 1 shared by the metrics: samples the moving image at every landing point, keeping value and gradient
     * (NaN value outside).
     */
    void sampleMoving(PointMap map, double[] value, float[][] gradient) {
        blockStream().forEach(b -> {
            double[] p = new double[3];
            double[] s = new double[4];
            int end = Math.min(samples.count, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                map.map(k, p);
                if (!moving.sample(p[0], p[1], p[2], s)) {
                    value[k] = Double.NaN;
                    continue;
                }
                value[k] = s[0];
                if (gradient != null) {
                    gradient[0][k] = (float) s[1];
                    gradient[1][k] = (float) s[2];
                    gradient[2][k] = (float) s[3];
                }
            }
        });
    }
}
