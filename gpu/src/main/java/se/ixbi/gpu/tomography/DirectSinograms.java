package se.ixbi.gpu.tomography;

import se.ixbi.gpu.reconstruction.FlatFieldCorrection;

/**
 * Sinograms straight from the scan, for a reconstruction without phase retrieval: a band of rows across all angles
 * is what beamlines chunk together, so it is read once, flat-field corrected and transposed, with no projection
 * parked on disk in between.
 */
final class DirectSinograms implements Sinograms {

    private final ProjectionSource scan;
    private final FlatFieldCorrection correction;

    DirectSinograms(ProjectionSource scan, FlatFieldCorrection correction) {
        this.scan = scan;
        this.correction = correction;
    }

    @Override
    public float[] sinograms(int from, int count, int angles) {
        int cols = scan.cols();
        int perAngle = count * cols;
        float[] band = scan.band(from, count);
        float[] out = new float[count * angles * cols];
        for (int a = 0; a < angles; a++) {
            correction.toAttenuation(band, a * perAngle, from * cols, perAngle);
            for (int r = 0; r < count; r++) {
                System.arraycopy(band, a * perAngle + r * cols, out, (r * angles + a) * cols, cols);
            }
        }
        return out;
    }
}
