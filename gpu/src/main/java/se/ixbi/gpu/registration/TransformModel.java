package se.ixbi.gpu.registration;

/**
 * How a parameter vector becomes an affine about a centre c, {@code T(p) = A·(p − c) + c + t}, and how the metric's
 * gradient by A and t becomes a gradient by the parameters. Parameters are scaled so that a unit step moves the
 * fixed image's edge by about one micrometre: angles and matrix entries are multiplied by the image's radius.
 */
public enum TransformModel {

    /** Three Euler angles (about x, y, z) and a translation. */
    RIGID(6) {
        @Override
        AffineTransform transform(double[] q, double[] centre, double radius) {
            double[] r = Rotations.matrix(q[0] / radius, q[1] / radius, q[2] / radius);
            return AffineTransform.about(r, centre, new double[] {q[3], q[4], q[5]});
        }

        @Override
        void chain(double[] q, double radius, double[] g12, double[] out) {
            double[][] d = Rotations.derivatives(q[0] / radius, q[1] / radius, q[2] / radius);
            for (int a = 0; a < 3; a++) {
                double s = 0;
                for (int i = 0; i < 9; i++) {
                    s += g12[i] * d[a][i];
                }
                out[a] = s / radius;
            }
            out[3] = g12[9];
            out[4] = g12[10];
            out[5] = g12[11];
        }

        @Override
        double[] parameters(AffineTransform t, double[] centre, double radius) {
            double[] a = t.linear();
            // R = Rz(γ)·Ry(β)·Rx(α) in z, y, x order: R[0][2] = sin β, R[0][0..1] hold α, R[1..2][2] hold γ
            double beta = Math.asin(Math.max(-1, Math.min(1, a[2])));
            double alpha = Math.atan2(-a[1], a[0]);
            double gamma = Math.atan2(-a[5], a[8]);
            double[] q = new double[6];
            q[0] = alpha * radius;
            q[1] = beta * radius;
            q[2] = gamma * radius;
            double[] shift = offset(t, centre);
            System.arraycopy(shift, 0, q, 3, 3);
            return q;
        }
    },

    /** The nine matrix entries and a translation. */
    AFFINE(12) {
        @Override
        AffineTransform transform(double[] q, double[] centre, double radius) {
            double[] a = new double[9];
            for (int i = 0; i < 9; i++) {
                a[i] = q[i] / radius;
            }
            return AffineTransform.about(a, centre, new double[] {q[9], q[10], q[11]});
        }

        @Override
        void chain(double[] q, double radius, double[] g12, double[] out) {
            for (int i = 0; i < 9; i++) {
                out[i] = g12[i] / radius;
            }
            out[9] = g12[9];
            out[10] = g12[10];
            out[11] = g12[11];
        }

        @Override
        double[] parameters(AffineTransform t, double[] centre, double radius) {
            double[] a = t.linear();
            double[] q = new double[12];
            for (int i = 0; i < 9; i++) {
                q[i] = a[i] * radius;
            }
            double[] shift = offset(t, centre);
            System.arraycopy(shift, 0, q, 9, 3);
            return q;
        }
    };

    final int parameterCount;

    TransformModel(int parameterCount) {
        this.parameterCount = parameterCount;
    }

    abstract AffineTransform transform(double[] q, double[] centre, double radius);

    /** Gradient by the parameters from the gradient by (A, t). */
    abstract void chain(double[] q, double radius, double[] g12, double[] out);

    /** The parameters that reproduce {@code t} (for a rigid model, its rotation part is assumed orthonormal). */
    abstract double[] parameters(AffineTransform t, double[] centre, double radius);

    /** t in {@code T(p) = A·(p − c) + c + t}: where the centre goes, minus the centre. */
    static double[] offset(AffineTransform t, double[] centre) {
        double[] moved = t.apply(centre);
        return new double[] {moved[0] - centre[0], moved[1] - centre[1], moved[2] - centre[2]};
    }
}
