package se.ixbi.gpu.registration;

/**
 * A discrete bending energy for a square grid of 2D control-point displacements (uy, ux interleaved): the squared
 * second differences along rows, along columns and across, so that constant and linear displacement fields — a
 * shift, an even stretch or shear — cost nothing.
 */
final class Bending {

    private Bending() {
    }

    /** Adds the penalty's gradient into {@code gradient} from {@code offset} and returns the penalty. */
    static double penalty(double[] q, int offset, int nodes, double bending, double shrink, double[] gradient) {
        double total = 0;
        for (int component = 0; component < 2; component++) {
            for (int i = 0; i < nodes; i++) {
                for (int j = 0; j < nodes; j++) {
                    int c = index(offset, nodes, i, j, component);
                    total += shrink * q[c] * q[c];
                    gradient[c] += 2 * shrink * q[c];
                    if (i + 2 < nodes) {
                        total += term(q, gradient, bending, new int[] {c, index(offset, nodes, i + 1, j, component),
                            index(offset, nodes, i + 2, j, component)}, new double[] {1, -2, 1});
                    }
                    if (j + 2 < nodes) {
                        total += term(q, gradient, bending, new int[] {c, index(offset, nodes, i, j + 1, component),
                            index(offset, nodes, i, j + 2, component)}, new double[] {1, -2, 1});
                    }
                    if (i + 1 < nodes && j + 1 < nodes) {
                        total += term(q, gradient, 2 * bending, new int[] {c,
                            index(offset, nodes, i + 1, j, component), index(offset, nodes, i, j + 1, component),
                            index(offset, nodes, i + 1, j + 1, component)}, new double[] {1, -1, -1, 1});
                    }
                }
            }
        }
        return total;
    }

    private static double term(double[] q, double[] gradient, double weight, int[] at, double[] coefficient) {
        double d = 0;
        for (int k = 0; k < at.length; k++) {
            d += coefficient[k] * q[at[k]];
        }
        for (int k = 0; k < at.length; k++) {
            gradient[at[k]] += 2 * weight * d * coefficient[k];
        }
        return weight * d * d;
    }

    private static int index(int offset, int nodes, int i, int j, int component) {
        return offset + 2 * (i * nodes + j) + component;
    }
}
