package se.ixbi.gpu.reconstruction;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The filter of filtered back projection, applied to detector rows in the Fourier domain. The response is the
 * transform of the band-limited spatial ramp kernel (Kak and Slaney, eq. 61), which has no DC bias, times a
 * window. Rows are zero-padded to at least twice their width so that circular convolution does not wrap.
 *
 * <p>Not thread-safe: each thread uses its own instance (they are cheap).
 */
public final class RampFilter {

    private final int width;
    private final int padded;
    private final float[] response;
    private final FloatFFT_1D fft;
    private final float[] buffer;

    public RampFilter(int width, FilterWindow window) {
        this.width = width;
        this.padded = Integer.highestOneBit(Math.max(64, 2 * width - 1)) << 1;
        this.fft = new FloatFFT_1D(padded);
        this.response = response(padded, window, fft);
        this.buffer = new float[2 * padded];
    }

    /** The windowed ramp for a transform of length n (a power of two), bin i at frequency i/n (wrapped). */
    static float[] response(int n, FilterWindow window) {
        return response(n, window, new FloatFFT_1D(n));
    }

    private static float[] response(int n, FilterWindow window, FloatFFT_1D fft) {
        float[] kernel = new float[2 * n];
        kernel[0] = 0.25f;
        for (int k = 1; k < n / 2; k += 2) {
            float h = (float) (-1.0 / (Math.PI * Math.PI * k * k));
            kernel[2 * k] = h;
            kernel[2 * (n - k)] = h;
        }
        fft.complexForward(kernel);
        float[] response = new float[n];
        for (int i = 0; i < n; i++) {
            double f = (i < n / 2 ? i : i - n) / (double) n;
            response[i] = (float) (kernel[2 * i] * window.weight(f));
        }
        return response;
    }

    public int width() {
        return width;
    }

    /**
     * Filters two rows at once, packed as the real and imaginary parts of one complex signal: the response is
     * real and even, so the two results come back separated. {@code b} may be null.
     */
    public void apply(float[] a, int aOffset, float[] b, int bOffset) {
        java.util.Arrays.fill(buffer, 0f);
        for (int i = 0; i < width; i++) {
            buffer[2 * i] = a[aOffset + i];
            buffer[2 * i + 1] = b == null ? 0f : b[bOffset + i];
        }
        fft.complexForward(buffer);
        for (int i = 0; i < padded; i++) {
            buffer[2 * i] *= response[i];
            buffer[2 * i + 1] *= response[i];
        }
        fft.complexInverse(buffer, true);
        for (int i = 0; i < width; i++) {
            a[aOffset + i] = buffer[2 * i];
            if (b != null) {
                b[bOffset + i] = buffer[2 * i + 1];
            }
        }
    }

    /** Filters every row of a sinogram ({@code angles × width}, row-major) in place. */
    public void applyToSinogram(float[] sinogram, int angles) {
        applyToSinogram(sinogram, 0, angles);
    }

    /** Filters every row of the sinogram that starts at {@code offset} of a slab, in place. */
    public void applyToSinogram(float[] sinograms, int offset, int angles) {
        int a = 0;
        for (; a + 1 < angles; a += 2) {
            apply(sinograms, offset + a * width, sinograms, offset + (a + 1) * width);
        }
        if (a < angles) {
            apply(sinograms, offset + a * width, null, 0);
        }
    }
}
