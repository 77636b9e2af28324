package se.ixbi.gpu.phantom;

/**
 * An ellipsoid with one axis along the rotation axis (y, the detector rows): centre (x, y, z in voxels from the
 * volume centre), in-slice semi-axes a, b rotated by φ, semi-axis c along y (infinite for a vessel running along
 * the axis), and a value added inside.
 */
record Ellipsoid(double cx, double cy, double cz, double a, double b, double c, double phiRad, double value) {

    /** The ellipse this ellipsoid cuts from the slice at height y, or null where it does not reach. */
    Ellipse sliceAt(double y) {
        double s = Double.isInfinite(c) ? 1.0 : 1.0 - ((y - cy) / c) * ((y - cy) / c);
        if (s <= 0) {
            return null;
        }
        double scale = Math.sqrt(s);
        return new Ellipse(cx, cz, a * scale, b * scale, phiRad, value);
    }

    /** Whether the point (x, y, z in voxels from the volume centre; y along the rotation axis) lies inside. */
    boolean contains(double x, double y, double z) {
        double s = Double.isInfinite(c) ? 1.0 : 1.0 - ((y - cy) / c) * ((y - cy) / c);
        if (s <= 0) {
            return false;
        }
        double dx = x - cx;
        double dz = z - cz;
        double cos = Math.cos(phiRad);
        double sin = Math.sin(phiRad);
        double u = (dx * cos + dz * sin) / a;
        double v = (-dx * sin + dz * cos) / b;
        return u * u + v * v <= s;
    }

    /** Half-widths of an axis-aligned box around it (x, y, z). */
    double[] halfExtent() {
        double r = Math.max(a, b);
        return new double[] {r, Double.isInfinite(c) ? Double.POSITIVE_INFINITY : c, r};
    }
}
