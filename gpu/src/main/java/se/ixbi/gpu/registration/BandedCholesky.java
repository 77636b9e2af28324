package se.ixbi.gpu.registration;

/** Solves a symmetric positive-definite banded system stored as {@code a[i][d] = A(i, i − d)}, d ≤ band. */
final class BandedCholesky {

    private BandedCholesky() {
    }

    static double[] solve(double[][] a, double[] b, int band) {
        int n = b.length;
        double[][] l = new double[n][band + 1]; // l[i][d] = L(i, i − d)
        for (int i = 0; i < n; i++) {
            for (int d = Math.min(band, i); d >= 0; d--) {
                int j = i - d;
                double s = a[i][d];
                for (int k = 1; k <= band && j - k >= 0 && d + k <= band; k++) {
                    s -= l[i][d + k] * l[j][k];
                }
                if (d == 0) {
                    if (s <= 0) {
                        throw new IllegalStateException("the shift system is not positive definite");
                    }
                    l[i][0] = Math.sqrt(s);
                } else {
                    l[i][d] = s / l[j][0];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int d = 1; d <= band && i - d >= 0; d++) {
                s -= l[i][d] * y[i - d];
            }
            y[i] = s / l[i][0];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int d = 1; d <= band && i + d < n; d++) {
                s -= l[i + d][d] * x[i + d];
            }
            x[i] = s / l[i][0];
        }
        return x;
    }
}
