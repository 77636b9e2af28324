package se.ixbi.gpu.registration;

/**
 * The moving image as the metrics see it: trilinear interpolation of intensity and of its physical gradient (central
 * differences computed once), at any physical position. A position outside the image has no value.
 */
final class MovingImage {

    private final Volume volume;
    private final float[] gz;
    private final float[] gy;
    private final float[] gx;

    MovingImage(Volume volume) {
        this.volume = volume;
        int n = volume.values().length;
        gz = new float[n];
        gy = new float[n];
        gx = new float[n];
        int d = volume.depth();
        int h = volume.height();
        int w = volume.width();
        float[] v = volume.values();
        double[] s = volume.spacing();
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (z * h + y) * w + x;
                    gz[i] = difference(v, z, d, h * w, i, s[0]);
                    gy[i] = difference(v, y, h, w, i, s[1]);
                    gx[i] = difference(v, x, w, 1, i, s[2]);
                }
            }
        }
    }

    private static float difference(float[] v, int at, int n, int stride, int i, double spacing) {
        if (n == 1) {
            return 0f;
        }
        int lo = at == 0 ? i : i - stride;
        int hi = at == n - 1 ? i : i + stride;
        int steps = (at == 0 || at == n - 1) ? 1 : 2;
        return (float) ((v[hi] - v[lo]) / (steps * spacing));
    }

    Volume volume() {
        return volume;
    }

    /**
     * Writes value, ∂/∂z, ∂/∂y, ∂/∂x at the physical point into {@code out}; false (and nothing written) where the
     * point lies outside the image.
     */
    boolean sample(double pz, double py, double px, double[] out) {
        double[] o = volume.origin();
        double[] s = volume.spacing();
        double fz = (pz - o[0]) / s[0];
        double fy = (py - o[1]) / s[1];
        double fx = (px - o[2]) / s[2];
        int d = volume.depth();
        int h = volume.height();
        int w = volume.width();
        if (!(fz >= 0 && fy >= 0 && fx >= 0 && fz <= d - 1 && fy <= h - 1 && fx <= w - 1)) {
            return false;
        }
        int z0 = Math.min((int) fz, Math.max(d - 2, 0));
        int y0 = Math.min((int) fy, Math.max(h - 2, 0));
        int x0 = Math.min((int) fx, Math.max(w - 2, 0));
        double tz = fz - z0;
        double ty = fy - y0;
        double tx = fx - x0;
        int dz = d > 1 ? h * w : 0;
        int dy = h > 1 ? w : 0;
        int dx = w > 1 ? 1 : 0;
        int i = (z0 * h + y0) * w + x0;
        out[0] = interpolate(volume.values(), i, dz, dy, dx, tz, ty, tx);
        out[1] = interpolate(gz, i, dz, dy, dx, tz, ty, tx);
        out[2] = interpolate(gy, i, dz, dy, dx, tz, ty, tx);
        out[3] = interpolate(gx, i, dz, dy, dx, tz, ty, tx);
        return true;
    }

    /** The value alone, or NaN outside. */
    double value(double pz, double py, double px) {
        double[] o = volume.origin();
        double[] s = volume.spacing();
        double fz = (pz - o[0]) / s[0];
        double fy = (py - o[1]) / s[1];
        double fx = (px - o[2]) / s[2];
        int d = volume.depth();
        int h = volume.height();
        int w = volume.width();
        if (!(fz >= 0 && fy >= 0 && fx >= 0 && fz <= d - 1 && fy <= h - 1 && fx <= w - 1)) {
            return Double.NaN;
        }
        int z0 = Math.min((int) fz, Math.max(d - 2, 0));
        int y0 = Math.min((int) fy, Math.max(h - 2, 0));
        int x0 = Math.min((int) fx, Math.max(w - 2, 0));
        int i = (z0 * h + y0) * w + x0;
        return interpolate(volume.values(), i, d > 1 ? h * w : 0, h > 1 ? w : 0, w > 1 ? 1 : 0, fz - z0, fy - y0,
                fx - x0);
    }

    private static double interpolate(float[] v, int i, int dz, int dy, int dx, double tz, double ty, double tx) {
        double c00 = v[i] + tx * (v[i + dx] - v[i]);
        double c01 = v[i + dy] + tx * (v[i + dy + dx] - v[i + dy]);
        double c10 = v[i + dz] + tx * (v[i + dz + dx] - v[i + dz]);
        double c11 = v[i + dz + dy] + tx * (v[i + dz + dy + dx] - v[i + dz + dy]);
        double c0 = c00 + ty * (c01 - c00);
        double c1 = c10 + ty * (c11 - c10);
        return c0 + tz * (c1 - c0);
    }
}
