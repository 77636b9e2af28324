package se.ixbi.gpu.registration;

/** Rotation matrices in z, y, x order and their derivatives by the three Euler angles. */
final class Rotations {

    private Rotations() {
    }

    /** {@code Rz(γ)·Ry(β)·Rx(α)} as a row-major 3×3 acting on (z, y, x) column vectors. */
    static double[] matrix(double alpha, double beta, double gamma) {
        return multiply(aboutZ(gamma, false), multiply(aboutY(beta, false), aboutX(alpha, false)));
    }

    /** ∂R/∂α, ∂R/∂β, ∂R/∂γ. */
    static double[][] derivatives(double alpha, double beta, double gamma) {
        double[] rx = aboutX(alpha, false);
        double[] ry = aboutY(beta, false);
        double[] rz = aboutZ(gamma, false);
        return new double[][] {
            multiply(rz, multiply(ry, aboutX(alpha, true))),
            multiply(rz, multiply(aboutY(beta, true), rx)),
            multiply(aboutZ(gamma, true), multiply(ry, rx))};
    }

    // in (z, y, x) coordinates: about x turns the z-y plane, about y the z-x plane, about z the y-x plane
    private static double[] aboutX(double a, boolean derivative) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return derivative ? new double[] {-s, -c, 0, c, -s, 0, 0, 0, 0} : new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
    }

    private static double[] aboutY(double a, boolean derivative) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return derivative ? new double[] {-s, 0, c, 0, 0, 0, -c, 0, -s} : new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
    }

    private static double[] aboutZ(double a, boolean derivative) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return derivative ? new double[] {0, 0, 0, 0, -s, -c, 0, c, -s} : new double[] {1, 0, 0, 0, c, -s, 0, s, c};
    }

    static double[] multiply(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return r;
    }
}
