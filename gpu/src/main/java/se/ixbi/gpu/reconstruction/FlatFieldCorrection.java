package se.ixbi.gpu.reconstruction;

import java.util.Arrays;

/**
 * Normalises projections by the averaged flat (beam without sample) and dark (no beam) fields:
 * {@code (P − D) / (F − D)}. Several flats or darks are combined per pixel with the median, which ignores a zinger
 * in one of them. Dead pixels (F ≤ D) and counts below the dark would give infinite or NaN attenuation; they are
 * clamped to a small positive transmission instead, and counted.
 */
public final class FlatFieldCorrection {

    /** Transmission floor: −ln(1e-6) ≈ 13.8, far above any real attenuation in a biopsy. */
    static final float MIN_TRANSMISSION = 1e-6f;

    private final float[] dark;
    private final float[] gain;
    private long clamped;

    private FlatFieldCorrection(float[] dark, float[] gain) {
        this.dark = dark;
        this.gain = gain;
    }

    /** @param flats and darks: each {@code count × pixels}, row-major */
    public static FlatFieldCorrection of(float[] flats, int flatCount, float[] darks, int darkCount, int pixels) {
        float[] d = darkCount == 0 ? new float[pixels] : median(darks, darkCount, pixels);
        float[] f = median(flats, flatCount, pixels);
        float[] gain = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            float range = f[i] - d[i];
            gain[i] = range > 0 ? 1f / range : 0f;
        }
        return new FlatFieldCorrection(d, gain);
    }

    private static float[] median(float[] stack, int count, int pixels) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one flat field is needed");
        }
        float[] out = new float[pixels];
        float[] column = new float[count];
        for (int i = 0; i < pixels; i++) {
            for (int k = 0; k < count; k++) {
                column[k] = stack[k * pixels + i];
            }
            Arrays.sort(column);
            out[i] = count % 2 == 1 ? column[count / 2] : 0.5f * (column[count / 2 - 1] + column[count / 2]);
        }
        return out;
    }

    /** Converts a projection to attenuation line integrals {@code −ln(transmission)}, in place. */
    public void toAttenuation(float[] projection, int offset) {
        toAttenuation(projection, offset, 0, gain.length);
    }

    /**
     * Converts detector pixels {@code pixelFrom} to {@code pixelFrom + pixels − 1} of one projection (some of its
     * rows), held from {@code offset}, to attenuation in place.
     */
    public void toAttenuation(float[] values, int offset, int pixelFrom, int pixels) {
        toTransmission(values, offset, pixelFrom, pixels);
        for (int i = 0; i < pixels; i++) {
            values[offset + i] = (float) -Math.log(values[offset + i]);
        }
    }

    /** Converts a projection to transmission {@code (P − D) / (F − D)}, in place: the input of phase retrieval. */
    public void toTransmission(float[] projection, int offset) {
        toTransmission(projection, offset, 0, gain.length);
    }

    private void toTransmission(float[] values, int offset, int pixelFrom, int pixels) {
        for (int i = 0; i < pixels; i++) {
            float t = (values[offset + i] - dark[pixelFrom + i]) * gain[pixelFrom + i];
            if (!(t >= MIN_TRANSMISSION)) {
                t = MIN_TRANSMISSION;
                clamped++;
            }
            values[offset + i] = t;
        }
    }

    /** How many pixel values were clamped so far (dead pixels, counts at or below the dark level). */
    public long clampedPixels() {
        return clamped;
    }
}
