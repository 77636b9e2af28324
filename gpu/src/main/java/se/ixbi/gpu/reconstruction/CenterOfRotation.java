package se.ixbi.gpu.reconstruction;

/**
 * Finds the rotation axis from the sinogram alone. In parallel beam the centre of mass of every projection moves
 * on a sinusoid, {@code m(θ) = c + X cos θ + Y sin θ}, where (X, Y) is the sample's centre of mass; a least-squares
 * fit over all angles gives the axis position c to a fraction of a pixel. Valid while the sample stays inside the
 * field of view, which {@link #truncation} measures.
 */
public final class CenterOfRotation {

    private CenterOfRotation() {
    }

    /** @param sinogram attenuation line integrals, {@code angles × width} */
    public static double estimate(float[] sinogram, float[] anglesRad, int width) {
        int n = anglesRad.length;
        // normal equations of m = c + A cos + B sin
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int a = 0; a < n; a++) {
            double mass = 0;
            double moment = 0;
            for (int u = 0; u < width; u++) {
                double v = Math.max(0, sinogram[a * width + u]);
                mass += v;
                moment += v * u;
            }
            if (mass <= 0) {
                continue;
            }
            double m = moment / mass;
            double[] row = {1, Math.cos(anglesRad[a]), Math.sin(anglesRad[a])};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    ata[i][j] += row[i] * row[j];
                }
                atb[i] += row[i] * m;
            }
        }
        return solve(ata, atb)[0];
    }

    /**
     * The axis of a half-circle scan whose sample leaves the field of view, where the centre-of-mass fit fails (mass
     * leaves with the sample; phase retrieval's low-pass spreads what remains): the projection at π — extrapolated
     * from the last two — is the one at 0 mirrored about the axis, {@code p(π, u) = p(0, 2c − u)}, so c is where the
     * two agree best (least squares over the pixels both see, whole pixels from 1/4 to 3/4 of the detector, then a
     * parabola through the best three for the fraction). Null when the angles do not span a half circle.
     */
    public static Double mirrored(float[] sinogram, float[] anglesRad, int width) {
        int n = anglesRad.length;
        if (n < 3) {
            return null;
        }
        double step = anglesRad[n - 1] - anglesRad[n - 2];
        if (Math.abs(anglesRad[n - 1] + step - anglesRad[0] - Math.PI) > 0.5 * Math.abs(step)) {
            return null;
        }
        float[] atPi = new float[width];
        for (int u = 0; u < width; u++) {
            atPi[u] = 2 * sinogram[(n - 1) * width + u] - sinogram[(n - 2) * width + u];
        }
        int lo = width / 4;
        int hi = 3 * width / 4;
        double[] cost = new double[2 * (hi - lo) + 1];
        int best = 0;
        for (int k = 0; k < cost.length; k++) {
            cost[k] = mismatch(sinogram, atPi, width, lo + k / 2.0);
            if (cost[k] < cost[best]) {
                best = k;
            }
        }
        double c = lo + best / 2.0;
        if (best > 0 && best < cost.length - 1) {
            double denominator = cost[best - 1] - 2 * cost[best] + cost[best + 1];
            if (denominator > 0) {
                c += 0.5 * 0.5 * (cost[best - 1] - cost[best + 1]) / denominator;
            }
        }
        return c;
    }

    /** Mean squared difference between p(π, u) and p(0, 2c − u) (linear interpolation) where both are measured. */
    private static double mismatch(float[] sinogram, float[] atPi, int width, double c) {
        double sum = 0;
        int count = 0;
        for (int u = 0; u < width; u++) {
            double mirror = 2 * c - u;
            int i = (int) Math.floor(mirror);
            if (i < 0 || i + 1 >= width) {
                continue;
            }
            double f = mirror - i;
            double p0 = (1 - f) * sinogram[i] + f * sinogram[i + 1];
            double d = atPi[u] - p0;
            sum += d * d;
            count++;
        }
        return count < width / 4 ? Double.MAX_VALUE : sum / count;
    }

    /** Relative spread of the projected mass over angles: near 0 when nothing leaves the field of view. */
    public static double truncation(float[] sinogram, int angles, int width) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int a = 0; a < angles; a++) {
            double mass = 0;
            for (int u = 0; u < width; u++) {
                mass += Math.max(0, sinogram[a * width + u]);
            }
            min = Math.min(min, mass);
            max = Math.max(max, mass);
        }
        return max <= 0 ? 0 : (max - min) / max;
    }

    private static double[] solve(double[][] m, double[] b) {
        int n = b.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            if (Math.abs(a[col][col]) < 1e-12) {
                throw new IllegalArgumentException("the projection angles do not determine the rotation axis");
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }
}
