package se.ixbi.workers.pictures;

import java.util.Arrays;

import se.ixbi.gpu.registration.Volume;

/** Values of a volume at physical points, and the grey window that shows them. */
final class Sampling {

    private Sampling() {
    }

    /** Trilinear interpolation at (z, y, x) µm; NaN outside the volume. A single-voxel axis is taken as flat. */
    static float at(Volume v, double z, double y, double x) {
        double fz = (z - v.origin()[0]) / v.spacing()[0];
        double fy = (y - v.origin()[1]) / v.spacing()[1];
        double fx = (x - v.origin()[2]) / v.spacing()[2];
        if (v.depth() == 1) {
            if (Math.abs(fz) > 0.5) {
                return Float.NaN;
            }
            fz = 0;
        }
        if (fz < 0 || fy < 0 || fx < 0 || fz > v.depth() - 1 || fy > v.height() - 1 || fx > v.width() - 1) {
            return Float.NaN;
        }
        int z0 = Math.min((int) fz, Math.max(0, v.depth() - 2));
        int y0 = Math.min((int) fy, Math.max(0, v.height() - 2));
        int x0 = Math.min((int) fx, Math.max(0, v.width() - 2));
        int z1 = Math.min(z0 + 1, v.depth() - 1);
        int y1 = Math.min(y0 + 1, v.height() - 1);
        int x1 = Math.min(x0 + 1, v.width() - 1);
        double tz = fz - z0;
        double ty = fy - y0;
        double tx = fx - x0;
        double c00 = v.at(z0, y0, x0) * (1 - tx) + v.at(z0, y0, x1) * tx;
        double c01 = v.at(z0, y1, x0) * (1 - tx) + v.at(z0, y1, x1) * tx;
        double c10 = v.at(z1, y0, x0) * (1 - tx) + v.at(z1, y0, x1) * tx;
        double c11 = v.at(z1, y1, x0) * (1 - tx) + v.at(z1, y1, x1) * tx;
        double c0 = c00 * (1 - ty) + c01 * ty;
        double c1 = c10 * (1 - ty) + c11 * ty;
        return (float) (c0 * (1 - tz) + c1 * tz);
    }

    /**
     * The 1st and 99th percentile of the finite values: a window that a few bright or dark voxels (a zinger, the
     * air outside) do not wash out. Equal bounds where the values are flat.
     */
    static float[] window(float[] values) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        if (n == 0) {
            return new float[] {0, 0};
        }
        Arrays.sort(finite, 0, n);
        return new float[] {finite[(int) (0.01 * (n - 1))], finite[(int) Math.ceil(0.99 * (n - 1))]};
    }

    /** {@code v} in the window, as 0..1. */
    static double level(float v, float[] window) {
        if (window[1] <= window[0]) {
            return 0.5;
        }
        return Math.max(0, Math.min(1, (v - window[0]) / (window[1] - window[0])));
    }
}
