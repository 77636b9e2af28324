package se.ixbi.gpu.registration;

import java.util.Random;

/**
 * The fixed image's voxels a metric looks at: a random subset drawn once per resolution level (as ITK's and elastix's
 * "Random" samplers do with a fixed seed), so that the metric is a deterministic function of the transform and a
 * step-size rule can trust it. Positions are physical, relative to nothing: the transform applies to them directly.
 */
final class FixedSamples {

    final int count;
    final double[] z;
    final double[] y;
    final double[] x;
    final float[] value;

    private FixedSamples(int count) {
        this.count = count;
        z = new double[count];
        y = new double[count];
        x = new double[count];
        value = new float[count];
    }

    static FixedSamples draw(Volume fixed, int wanted, long seed) {
        int total = fixed.values().length;
        int n = Math.min(wanted, total);
        FixedSamples s = new FixedSamples(n);
        Random random = new Random(seed);
        int h = fixed.height();
        int w = fixed.width();
        double[] o = fixed.origin();
        double[] sp = fixed.spacing();
        for (int k = 0; k < n; k++) {
            // every voxel when there are no more than wanted; otherwise uniform draws
            int i = n == total ? k : random.nextInt(total);
            int zi = i / (h * w);
            int yi = (i / w) % h;
            int xi = i % w;
            s.z[k] = o[0] + zi * sp[0];
            s.y[k] = o[1] + yi * sp[1];
            s.x[k] = o[2] + xi * sp[2];
            s.value[k] = fixed.values()[i];
        }
        return s;
    }

    /** Mean of the sample positions: the centre that rotations and matrix parameters act about. */
    double[] centroid() {
        double[] c = new double[3];
        for (int k = 0; k < count; k++) {
            c[0] += z[k];
            c[1] += y[k];
            c[2] += x[k];
        }
        for (int a = 0; a < 3; a++) {
            c[a] /= count;
        }
        return c;
    }
}
