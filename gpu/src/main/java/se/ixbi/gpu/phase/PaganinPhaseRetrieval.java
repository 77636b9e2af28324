package se.ixbi.gpu.phase;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Single-distance phase retrieval for a homogeneous object (Paganin et al., J. Microsc. 206, 2002): the
 * transmission image is low-pass filtered with {@code 1 / (1 + z λ (δ/β) |k|² / 4π)} and its negative logarithm
 * is the attenuation line integral μT, free of the edge fringes of propagation. Parameterised by the physical
 * δ/β of the material, the energy, the distance and the pixel size.
 *
 * <p>Images are padded with edge values (the free beam around the sample) by three filter widths on each side, so
 * that the filter does not wrap around, to the next size whose only prime factors are 2, 3 and 5 (fast for the FFT):
 * 2048² becomes 2160², not 4096². Not thread-safe: one instance per thread.
 */
public final class PaganinPhaseRetrieval {

    private final int rows;
    private final int cols;
    private final int padRows;
    private final int padCols;
    private final float[] filter;
    private final FloatFFT_2D fft;
    private final float[] buffer;

    public PaganinPhaseRetrieval(int rows, int cols, Beam beam, double deltaOverBeta) {
        if (!(deltaOverBeta > 0)) {
            throw new IllegalArgumentException("δ/β must be positive, was " + deltaOverBeta);
        }
        this.rows = rows;
        this.cols = cols;
        double alpha = beam.distanceM() * beam.wavelengthM() * deltaOverBeta / (4 * Math.PI);
        int margin = (int) Math.ceil(Math.max(16, 3 * Math.sqrt(alpha) / beam.pixelM()));
        this.padRows = paddedSize(rows, margin);
        this.padCols = paddedSize(cols, margin);
        this.fft = new FloatFFT_2D(padRows, padCols);
        this.buffer = new float[2 * padRows * padCols];
        this.filter = new float[padRows * padCols];
        for (int i = 0; i < padRows; i++) {
            double fy = (i < padRows / 2 ? i : i - padRows) / (padRows * beam.pixelM());
            for (int j = 0; j < padCols; j++) {
                double fx = (j < padCols / 2 ? j : j - padCols) / (padCols * beam.pixelM());
                double k2 = 4 * Math.PI * Math.PI * (fx * fx + fy * fy);
                filter[i * padCols + j] = (float) (1.0 / (1.0 + alpha * k2));
            }
        }
    }

    static int paddedSize(int n, int margin) {
        int size = n + 2 * margin;
        while (!fiveSmooth(size)) {
            size++;
        }
        return size;
    }

    private static boolean fiveSmooth(int n) {
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /**
     * @param transmission flat-field corrected intensity, {@code rows × cols} at {@code offset}
     * @param out          receives μT (dimensionless attenuation line integral); may be the input array
     */
    public void retrieve(float[] transmission, int offset, float[] out, int outOffset) {
        retrievePair(transmission, offset, out, outOffset, null, 0, null, 0);
    }

    /**
     * Two projections for the price of one transform: they travel as the real and imaginary parts of one complex
     * image, and the filter, real and even, keeps them apart. The second may be null.
     */
    public void retrievePair(float[] a, int aOffset, float[] aOut, int aOutOffset, float[] b, int bOffset,
            float[] bOut, int bOutOffset) {
        EdgePadding.fill(buffer, padRows, padCols, rows, cols, a, aOffset, b, bOffset, 0f);
        fft.complexForward(buffer);
        for (int k = 0; k < filter.length; k++) {
            buffer[2 * k] *= filter[k];
            buffer[2 * k + 1] *= filter[k];
        }
        fft.complexInverse(buffer, true);
        int pr = (padRows - rows) / 2;
        int pc = (padCols - cols) / 2;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = 2 * ((i + pr) * padCols + j + pc);
                aOut[aOutOffset + i * cols + j] = (float) -Math.log(Math.max(buffer[k], 1e-6f));
                if (b != null) {
                    bOut[bOutOffset + i * cols + j] = (float) -Math.log(Math.max(buffer[k + 1], 1e-6f));
                }
            }
        }
    }
}
