package se.ixbi.gpu.phantom;

/**
 * An ellipsoid with one axis along the rotation axis (y, the detector rows): centre (x, y, z in voxels from the
 * volume centre), in-slice semi-axes a, b rotated by φ, semi-axis c along y (infinite for a vessel running along
 * the axis), and a value added inside.
 */
public record Ellipsoid(double cx, double cy, double cz, double a, double b, double c, double phiRad, double value) {

    /** The ellipse this ellipsoid cuts from the slice at height y, or null where it does not reach. */
    Ellipse sliceAt(double y) {
        double s = Double.isInfinite(c) ? 1.0 : 1.0 - ((y - cy) / c) * ((y - cy) / c);
        if (s <= 0) {
            return null;
        }
        double scale = Math.sqrt(s);
        return new Ellipse(cx, cz, a * scale, b * scale, phiRad, value);
    }
}
