package se.ixbi.gpu.tomography;

import se.ixbi.gpu.reconstruction.CenterOfRotation;

/** The axis stage: where the rotation axis crosses the detector, given, fitted, or guessed and said so. */
final class RotationAxis {

    /** Above this spread of the projected mass over angles the sample leaves the field of view. */
    static final double TRUNCATED = 0.05;

    /** @param guessed the axis could not be fitted and the detector centre was used */
    record Axis(double center, boolean guessed, double truncation) {
    }

    private RotationAxis() {
    }

    /**
     * @param middleSinogram the middle row's sinogram as it will be reconstructed (after phase retrieval, if any)
     * @param measuredMiddle the same row's attenuation before phase retrieval
     */
    static Axis find(Double given, float[] middleSinogram, float[] measuredMiddle, float[] anglesRad, int cols) {
        int angles = anglesRad.length;
        double truncation = CenterOfRotation.truncation(middleSinogram, angles, cols);
        if (given != null) {
            return new Axis(given, false, truncation);
        }
        try {
            // a sample that leaves the field of view takes mass with it: the centre-of-mass fit drifts
            Double mirrored = truncation > TRUNCATED ? CenterOfRotation.mirrored(measuredMiddle, anglesRad, cols)
                    : null;
            double center = mirrored != null ? mirrored : CenterOfRotation.estimate(middleSinogram, anglesRad, cols);
            return new Axis(center, false, truncation);
        } catch (IllegalArgumentException e) {
            // nothing in the middle row to fit (a sample that fills or misses it): the detector centre, as
            // tomography tools assume without an axis, and the result says so
            return new Axis((cols - 1) / 2.0, true, truncation);
        }
    }
}
