package se.ixbi.gpu.reconstruction;

/**
 * Parallel-beam geometry of one scan: projection angles (radians), detector width in pixels and the rotation
 * axis position on the detector (pixels from the left edge of the first pixel's centre, may be fractional).
 * A detector coordinate t sees the line {@code x cos θ + y sin θ = t − centre} through the slice, whose origin
 * is the centre of the reconstructed grid.
 */
public record ParallelGeometry(float[] anglesRad, int width, double center) {

    public ParallelGeometry {
        if (anglesRad.length == 0) {
            throw new IllegalArgumentException("a scan needs at least one projection angle");
        }
        if (width < 2) {
            throw new IllegalArgumentException("the detector must be at least 2 pixels wide, was " + width);
        }
    }

    public static ParallelGeometry halfCircle(int angles, int width) {
        return new ParallelGeometry(evenAngles(angles, Math.PI), width, (width - 1) / 2.0);
    }

    public static float[] evenAngles(int count, double range) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) (range * i / count);
        }
        return a;
    }

    public int angles() {
        return anglesRad.length;
    }

    public ParallelGeometry withCenter(double c) {
        return new ParallelGeometry(anglesRad, width, c);
    }
}
