package se.ixbi.gpu.phase;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Single-distance phase retrieval for a homogeneous object (Paganin et al., J. Microsc. 206, 2002): the
 * transmission image is low-pass filtered with {@code 1 / (1 + z λ (δ/β) |k|² / 4π)} and its negative logarithm
 * is the attenuation line integral μT, free of the edge fringes of propagation. Parameterised by the physical
 * δ/β of the material, the energy, the distance and the pixel size.
 *
 * <p>Images are padded to a power of two, at least twice their size, with edge values (the free beam around the
 * sample), so that the filter does not wrap around. Not thread-safe: one instance per thread.
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
        this.padRows = paddedSize(rows);
        this.padCols = paddedSize(cols);
        this.fft = new FloatFFT_2D(padRows, padCols);
        this.buffer = new float[2 * padRows * padCols];
        this.filter = new float[padRows * padCols];
        double alpha = beam.distanceM() * beam.wavelengthM() * deltaOverBeta / (4 * Math.PI);
        for (int i = 0; i < padRows; i++) {
            double fy = (i < padRows / 2 ? i : i - padRows) / (padRows * beam.pixelM());
            for (int j = 0; j < padCols; j++) {
                double fx = (j < padCols / 2 ? j : j - padCols) / (padCols * beam.pixelM());
                double k2 = 4 * Math.PI * Math.PI * (fx * fx + fy * fy);
                filter[i * padCols + j] = (float) (1.0 / (1.0 + alpha * k2));
            }
        }
    }

    static int paddedSize(int n) {
        return Integer.highestOneBit(Math.max(32, 2 * n - 1)) << 1;
    }

    /**
     * @param transmission flat-field corrected intensity, {@code rows × cols} at {@code offset}
     * @param out          receives μT (dimensionless attenuation line integral); may be the input array
     */
    public void retrieve(float[] transmission, int offset, float[] out, int outOffset) {
        int pr = (padRows - rows) / 2;
        int pc = (padCols - cols) / 2;
        for (int i = 0; i < padRows; i++) {
            int si = Math.min(rows - 1, Math.max(0, i - pr));
            for (int j = 0; j < padCols; j++) {
                int sj = Math.min(cols - 1, Math.max(0, j - pc));
                buffer[2 * (i * padCols + j)] = transmission[offset + si * cols + sj];
                buffer[2 * (i * padCols + j) + 1] = 0f;
            }
        }
        fft.complexForward(buffer);
        for (int k = 0; k < filter.length; k++) {
            buffer[2 * k] *= filter[k];
            buffer[2 * k + 1] *= filter[k];
        }
        fft.complexInverse(buffer, true);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float t = buffer[2 * ((i + pr) * padCols + j + pc)];
                out[outOffset + i * cols + j] = (float) -Math.log(Math.max(t, 1e-6f));
            }
        }
    }
}
