package se.ixbi.gpu.registration;

/**
 * A smooth in-plane displacement of a section: a cubic B-spline on a grid of control points spanning the section,
 * each holding a displacement (y, x in micrometres). It models what cutting, floating and mounting do to a thin
 * section — stretch, compression, gentle bends — before the section's plane is placed in the volume.
 */
public final class InPlaneDeformation {

    private final int rows;
    private final int cols;
    private final double spacingY;
    private final double spacingX;
    private final double[] originYX;
    private final double[] coefficients; // per node: uy, ux

    /**
     * @param originYX the section's first pixel (µm), @param extentYX its size (µm), @param nodes control points
     *                 per axis over the section (at least 4)
     */
    public InPlaneDeformation(double[] originYX, double[] extentYX, int nodes) {
        if (nodes < 4) {
            throw new IllegalArgumentException("a cubic B-spline grid needs at least 4 nodes per axis");
        }
        this.rows = nodes;
        this.cols = nodes;
        this.spacingY = Math.max(extentYX[0], 1e-9) / (nodes - 3);
        this.spacingX = Math.max(extentYX[1], 1e-9) / (nodes - 3);
        this.originYX = originYX.clone();
        this.coefficients = new double[2 * nodes * nodes];
    }

    /** The deformation a transform JSON describes ({@link #gridOriginUm}, {@link #gridSpacingUm}, nodes, coefficients). */
    public static InPlaneDeformation of(double[] gridOriginUm, double[] gridSpacingUm, int nodes,
            double[] coefficients) {
        if (coefficients.length != 2 * nodes * nodes) {
            throw new IllegalArgumentException("a grid of " + nodes + " × " + nodes + " nodes has " + 2 * nodes * nodes
                    + " coefficients, not " + coefficients.length);
        }
        InPlaneDeformation d = new InPlaneDeformation(
                new double[] {gridOriginUm[0] + gridSpacingUm[0], gridOriginUm[1] + gridSpacingUm[1]},
                new double[] {gridSpacingUm[0] * (nodes - 3), gridSpacingUm[1] * (nodes - 3)}, nodes);
        d.setCoefficients(coefficients);
        return d;
    }

    public int parameterCount() {
        return coefficients.length;
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    public void setCoefficients(double[] c) {
        System.arraycopy(c, 0, coefficients, 0, coefficients.length);
    }

    public int nodes() {
        return rows;
    }

    public double[] gridSpacingUm() {
        return new double[] {spacingY, spacingX};
    }

    /** Node (0, 0) lies one grid spacing before the section's first pixel on each axis. */
    public double[] gridOriginUm() {
        return new double[] {originYX[0] - spacingY, originYX[1] - spacingX};
    }

    /** Displacement (µm, y then x) at a section point (µm). */
    public double[] at(double y, double x) {
        Support s = support(y, x);
        double uy = 0;
        double ux = 0;
        for (int i = 0; i < 16; i++) {
            uy += s.weight[i] * coefficients[2 * s.node[i]];
            ux += s.weight[i] * coefficients[2 * s.node[i] + 1];
        }
        return new double[] {uy, ux};
    }

    /** The 16 nodes that move a point, and their weights. */
    Support support(double y, double x) {
        double gy = (y - originYX[0]) / spacingY + 1;
        double gx = (x - originYX[1]) / spacingX + 1;
        int y0 = Math.max(0, Math.min(rows - 4, (int) Math.floor(gy) - 1));
        int x0 = Math.max(0, Math.min(cols - 4, (int) Math.floor(gx) - 1));
        Support s = new Support();
        int i = 0;
        for (int a = 0; a < 4; a++) {
            double wy = BSpline.cubic(gy - (y0 + a));
            for (int b = 0; b < 4; b++) {
                s.node[i] = (y0 + a) * cols + x0 + b;
                s.weight[i] = wy * BSpline.cubic(gx - (x0 + b));
                i++;
            }
        }
        return s;
    }

    static final class Support {
        final int[] node = new int[16];
        final double[] weight = new double[16];
    }
}
