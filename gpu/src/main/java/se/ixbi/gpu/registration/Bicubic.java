package se.ixbi.gpu.registration;

/**
 * Keys' cubic convolution (a = −0.5) on a 2D image stored row-major from {@code base}, with edges continued
 * outward. Unlike bilinear interpolation it does not blur by an amount that depends on the sub-pixel position,
 * which would bias a sub-pixel shift estimate towards whole pixels.
 */
final class Bicubic {

    private Bicubic() {
    }

    static double at(float[] v, int base, int h, int w, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double ty = y - y0;
        double tx = x - x0;
        double sum = 0;
        for (int j = -1; j <= 2; j++) {
            double wy = kernel(j - ty);
            int row = base + clamp(y0 + j, h) * w;
            double line = 0;
            for (int i = -1; i <= 2; i++) {
                line += kernel(i - tx) * v[row + clamp(x0 + i, w)];
            }
            sum += wy * line;
        }
        return sum;
    }

    /** Value, ∂/∂y and ∂/∂x. */
    static double[] withGradient(float[] v, int base, int h, int w, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double ty = y - y0;
        double tx = x - x0;
        double value = 0;
        double dy = 0;
        double dx = 0;
        for (int j = -1; j <= 2; j++) {
            double wy = kernel(j - ty);
            double dwy = -derivative(j - ty);
            int row = base + clamp(y0 + j, h) * w;
            double line = 0;
            double lineDx = 0;
            for (int i = -1; i <= 2; i++) {
                double p = v[row + clamp(x0 + i, w)];
                line += kernel(i - tx) * p;
                lineDx += -derivative(i - tx) * p;
            }
            value += wy * line;
            dy += dwy * line;
            dx += wy * lineDx;
        }
        return new double[] {value, dy, dx};
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    private static double kernel(double s) {
        double t = Math.abs(s);
        if (t < 1) {
            return 1.5 * t * t * t - 2.5 * t * t + 1;
        }
        if (t < 2) {
            return -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2;
        }
        return 0;
    }

    private static double derivative(double s) {
        double t = Math.abs(s);
        double sign = Math.signum(s);
        if (t < 1) {
            return sign * (4.5 * t * t - 5 * t);
        }
        if (t < 2) {
            return sign * (-1.5 * t * t + 5 * t - 4);
        }
        return 0;
    }
}
