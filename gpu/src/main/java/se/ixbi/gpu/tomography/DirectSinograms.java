package se.ixbi.gpu.tomography;

import java.util.stream.IntStream;

import se.ixbi.gpu.reconstruction.FlatFieldCorrection;

/**
 * Sinograms straight from the scan, for a reconstruction without phase retrieval: a band of rows across all angles
 * is what beamlines chunk together, so it is read once, flat-field corrected and transposed, with no projection
 * parked on disk in between.
 */
final class DirectSinograms implements Sinograms {

    private final ProjectionSource scan;
    private final Zingers zingers;
    private final FlatFieldCorrection correction;

    DirectSinograms(ProjectionSource scan, Zingers zingers, FlatFieldCorrection correction) {
        this.scan = scan;
        this.zingers = zingers;
        this.correction = correction;
    }

    @Override
    public float[] sinograms(int from, int count, int angles) {
        int cols = scan.cols();
        int perAngle = count * cols;
        float[] band = scan.band(from, count);
        // the band's rows of each projection: a zinger is one pixel of one projection
        if (zingers.active()) {
            IntStream.range(0, angles).parallel().forEach(a -> zingers.remove(band, a * perAngle, count, cols));
        }
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
