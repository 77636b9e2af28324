package se.ixbi.gpu.registration;

import java.util.Arrays;

/**
 * A 3D affine map {@code p' = A·p + t} on physical positions in micrometres, axes ordered z, y, x as in OME-Zarr.
 * In registration results it maps a point of the fixed image's space to the moving image's space (elastix's
 * convention): to resample the moving image onto the fixed grid, sample it at {@code T(p)}.
 */
public final class AffineTransform {

    private final double[] m; // row-major 3×4: A in columns 0–2, t in column 3

    private AffineTransform(double[] m) {
        this.m = m;
    }

    public static AffineTransform identity() {
        return new AffineTransform(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
    }

    public static AffineTransform translation(double tz, double ty, double tx) {
        return new AffineTransform(new double[] {1, 0, 0, tz, 0, 1, 0, ty, 0, 0, 1, tx});
    }

    /** From a row-major 3×3 matrix and a translation. */
    public static AffineTransform of(double[] a, double[] t) {
        return new AffineTransform(new double[] {a[0], a[1], a[2], t[0], a[3], a[4], a[5], t[1], a[6], a[7], a[8],
                t[2]});
    }

    /** From a row-major 4×4 matrix whose last row is 0 0 0 1. */
    public static AffineTransform fromMatrix4(double[] rowMajor4x4) {
        if (rowMajor4x4.length != 16) {
            throw new IllegalArgumentException("an affine needs 16 values (4×4, row major), got " + rowMajor4x4.length);
        }
        double[] last = Arrays.copyOfRange(rowMajor4x4, 12, 16);
        if (Math.abs(last[0]) > 1e-9 || Math.abs(last[1]) > 1e-9 || Math.abs(last[2]) > 1e-9
                || Math.abs(last[3] - 1) > 1e-9) {
            throw new IllegalArgumentException("the last row of an affine must be 0 0 0 1, got "
                    + Arrays.toString(last));
        }
        return new AffineTransform(Arrays.copyOf(rowMajor4x4, 12));
    }

    /**
     * The rotation {@code Rz(γ)·Ry(β)·Rx(α)} about the physical point {@code centre}, where Rx turns about the x axis
     * (in the z-y plane) and so on.
     */
    public static AffineTransform rotation(double alphaX, double betaY, double gammaZ, double[] centre) {
        double[] r = Rotations.matrix(alphaX, betaY, gammaZ);
        return about(r, centre, new double[3]);
    }

    /** {@code p' = A·(p − c) + c + t}. */
    public static AffineTransform about(double[] a, double[] c, double[] t) {
        double[] tt = new double[3];
        for (int i = 0; i < 3; i++) {
            tt[i] = c[i] + t[i] - (a[3 * i] * c[0] + a[3 * i + 1] * c[1] + a[3 * i + 2] * c[2]);
        }
        return of(a, tt);
    }

    public void apply(double z, double y, double x, double[] out) {
        out[0] = m[0] * z + m[1] * y + m[2] * x + m[3];
        out[1] = m[4] * z + m[5] * y + m[6] * x + m[7];
        out[2] = m[8] * z + m[9] * y + m[10] * x + m[11];
    }

    public double[] apply(double[] p) {
        double[] out = new double[3];
        apply(p[0], p[1], p[2], out);
        return out;
    }

    /** {@code this ∘ first}: first applies {@code first}, then this. */
    public AffineTransform after(AffineTransform first) {
        double[] a = first.m;
        double[] r = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = j == 3 ? m[4 * i + 3] : 0;
                for (int k = 0; k < 3; k++) {
                    s += m[4 * i + k] * a[4 * k + j];
                }
                r[4 * i + j] = s;
            }
        }
        return new AffineTransform(r);
    }

    public AffineTransform inverse() {
        double[] a = linear();
        double det = determinant();
        if (Math.abs(det) < 1e-300) {
            throw new IllegalStateException("the affine is singular and has no inverse");
        }
        double[] inv = {
            (a[4] * a[8] - a[5] * a[7]) / det, (a[2] * a[7] - a[1] * a[8]) / det, (a[1] * a[5] - a[2] * a[4]) / det,
            (a[5] * a[6] - a[3] * a[8]) / det, (a[0] * a[8] - a[2] * a[6]) / det, (a[2] * a[3] - a[0] * a[5]) / det,
            (a[3] * a[7] - a[4] * a[6]) / det, (a[1] * a[6] - a[0] * a[7]) / det, (a[0] * a[4] - a[1] * a[3]) / det};
        double[] t = {m[3], m[7], m[11]};
        double[] ti = new double[3];
        for (int i = 0; i < 3; i++) {
            ti[i] = -(inv[3 * i] * t[0] + inv[3 * i + 1] * t[1] + inv[3 * i + 2] * t[2]);
        }
        return of(inv, ti);
    }

    /** The 3×3 linear part, row major. */
    public double[] linear() {
        return new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
    }

    public double[] translationPart() {
        return new double[] {m[3], m[7], m[11]};
    }

    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** Row-major 4×4 with the last row 0 0 0 1, as NGFF's affine and elastix's matrix print it. */
    public double[] toMatrix4() {
        double[] out = Arrays.copyOf(m, 16);
        out[15] = 1;
        return out;
    }

    /** The largest distance between where this and {@code other} send the corners and centre of a box. */
    public double maxDisplacement(AffineTransform other, double[] low, double[] high) {
        double worst = 0;
        double[] a = new double[3];
        double[] b = new double[3];
        for (int corner = 0; corner < 9; corner++) {
            double z = corner == 8 ? (low[0] + high[0]) / 2 : (corner & 1) == 0 ? low[0] : high[0];
            double y = corner == 8 ? (low[1] + high[1]) / 2 : (corner & 2) == 0 ? low[1] : high[1];
            double x = corner == 8 ? (low[2] + high[2]) / 2 : (corner & 4) == 0 ? low[2] : high[2];
            apply(z, y, x, a);
            other.apply(z, y, x, b);
            worst = Math.max(worst, Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
                    + (a[2] - b[2]) * (a[2] - b[2])));
        }
        return worst;
    }

    @Override
    public String toString() {
        return Arrays.toString(toMatrix4());
    }
}
