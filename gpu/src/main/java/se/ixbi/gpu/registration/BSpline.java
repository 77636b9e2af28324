package se.ixbi.gpu.registration;

/** The cubic B-spline kernel and its derivative, the Parzen window of Mattes mutual information. */
final class BSpline {

    private BSpline() {
    }

    static double cubic(double u) {
        double a = Math.abs(u);
        if (a < 1) {
            return (4 - 6 * a * a + 3 * a * a * a) / 6;
        }
        if (a < 2) {
            double b = 2 - a;
            return b * b * b / 6;
        }
        return 0;
    }

    static double cubicDerivative(double u) {
        double a = Math.abs(u);
        double sign = Math.signum(u);
        if (a < 1) {
            return sign * (-2 * a + 1.5 * a * a);
        }
        if (a < 2) {
            double b = 2 - a;
            return -sign * 0.5 * b * b;
        }
        return 0;
    }
}
