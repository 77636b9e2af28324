package se.ixbi.gpu.phase;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Multi-distance phase retrieval for a homogeneous object (Cloetens et al. 1999; Guigay's contrast transfer
 * function for δ/β constant): at distance z the intensity's transform is
 * {@code Ĩ_z(f) − δ(f) = −2 B̃(f) (cos χ_z + (δ/β) sin χ_z)}, χ_z = π λ z |f|², where B = kβT is the amplitude
 * attenuation. The zeros of one distance's transfer function are filled by the others: B̃ is the regularised least
 * squares solution over 2–4 distances, except at the lowest frequencies, which the nearest distance gives alone
 * ({@link #nearFieldShare}). Returns μT = 2B, the same quantity as {@link PaganinPhaseRetrieval}, so the
 * rest of the pipeline does not care which retrieval ran.
 *
 * <p>Images are padded with edge values by the largest Fresnel zone on each side to a 5-smooth size. Not
 * thread-safe: one instance per thread.
 */
public final class CtfPhaseRetrieval {

    /** The nearest distance's Fresnel phase χ up to which it alone gives the frequency (π/4). */
    private static final double NEAR_FIELD_CHI = Math.PI / 4;

    private final int rows;
    private final int cols;
    private final int padRows;
    private final int padCols;
    private final int distances;
    /** per distance and frequency: the transfer function A_z(f) divided by the regularised normal equation */
    private final float[][] weights;
    private final FloatFFT_2D fft;
    private final float[] buffer;
    private final float[] sum;

    /**
     * @param regularisation added to Σ A_z² (dimensionless; 1e-3 to 1e-1, larger against noise)
     */
    public CtfPhaseRetrieval(int rows, int cols, double energyKev, double pixelM, double[] distancesM,
            double deltaOverBeta, double regularisation) {
        if (distancesM.length < 1) {
            throw new IllegalArgumentException("CTF retrieval needs at least one distance");
        }
        if (!(deltaOverBeta > 0)) {
            throw new IllegalArgumentException("δ/β must be positive, was " + deltaOverBeta);
        }
        this.rows = rows;
        this.cols = cols;
        this.distances = distancesM.length;
        double lambda = new Beam(energyKev, distancesM[0], pixelM).wavelengthM();
        double zMax = 0;
        for (double z : distancesM) {
            zMax = Math.max(zMax, z);
        }
        int margin = (int) Math.ceil(Math.max(16, 2 * Math.sqrt(lambda * zMax) / pixelM));
        this.padRows = PaganinPhaseRetrieval.paddedSize(rows, margin);
        this.padCols = PaganinPhaseRetrieval.paddedSize(cols, margin);
        this.fft = new FloatFFT_2D(padRows, padCols);
        this.buffer = new float[2 * padRows * padCols];
        this.sum = new float[2 * padRows * padCols];
        this.weights = new float[distances][padRows * padCols];
        int nearest = 0;
        for (int d = 1; d < distances; d++) {
            if (distancesM[d] < distancesM[nearest]) {
                nearest = d;
            }
        }
        for (int i = 0; i < padRows; i++) {
            double fy = (i < padRows / 2 ? i : i - padRows) / (padRows * pixelM);
            for (int j = 0; j < padCols; j++) {
                double fx = (j < padCols / 2 ? j : j - padCols) / (padCols * pixelM);
                double f2 = fx * fx + fy * fy;
                double[] a = new double[distances];
                double norm = regularisation;
                for (int d = 0; d < distances; d++) {
                    double chi = Math.PI * lambda * distancesM[d] * f2;
                    a[d] = Math.cos(chi) + deltaOverBeta * Math.sin(chi);
                    norm += a[d] * a[d];
                }
                double near = nearFieldShare(Math.PI * lambda * distancesM[nearest] * f2);
                for (int d = 0; d < distances; d++) {
                    double alone = d == nearest ? a[d] / (a[d] * a[d] + regularisation) : 0;
                    weights[d][i * padCols + j] = (float) (near * alone + (1 - near) * a[d] / norm);
                }
            }
        }
    }

    /**
     * How much of a frequency the nearest distance retrieves alone: all of it while its phase χ is under π/4 (the
     * near field, where Paganin holds), none above π/2, a cos² between. The lowest frequencies of the farther
     * distances are not the object's alone: their fringes carry flux across the detector's edges, and over a
     * specimen wider than the field of view, into it. Taken from the farther distances, the mean of a projection and
     * its slow variation came out wrong; the farther distances still fill the zeros of the nearest one above.
     */
    static double nearFieldShare(double chi) {
        if (chi <= NEAR_FIELD_CHI) {
            return 1;
        }
        if (chi >= 2 * NEAR_FIELD_CHI) {
            return 0;
        }
        double c = Math.cos((chi - NEAR_FIELD_CHI) / NEAR_FIELD_CHI * Math.PI / 2);
        return c * c;
    }

    /**
     * @param intensities one flat-field corrected image per distance, {@code rows × cols} each
     * @param out         receives μT
     */
    public void retrieve(float[][] intensities, float[] out, int outOffset) {
        if (intensities.length != distances) {
            throw new IllegalArgumentException("expected " + distances + " images, one per distance, got "
                    + intensities.length);
        }
        java.util.Arrays.fill(sum, 0f);
        // two distances per transform, as the real and imaginary parts; their spectra are separated by symmetry
        for (int d = 0; d < distances; d += 2) {
            boolean pair = d + 1 < distances;
            // contrast (intensity − 1): its transform has no δ(f) term
            EdgePadding.fill(buffer, padRows, padCols, rows, cols, intensities[d], 0, pair ? intensities[d + 1] : null,
                    0, 1f);
            fft.complexForward(buffer);
            float[] wa = weights[d];
            float[] wb = pair ? weights[d + 1] : null;
            for (int i = 0; i < padRows; i++) {
                int mi = i == 0 ? 0 : padRows - i;
                for (int j = 0; j < padCols; j++) {
                    int mj = j == 0 ? 0 : padCols - j;
                    int k = i * padCols + j;
                    float zr = buffer[2 * k];
                    float zi = buffer[2 * k + 1];
                    if (!pair) {
                        sum[2 * k] += wa[k] * zr;
                        sum[2 * k + 1] += wa[k] * zi;
                        continue;
                    }
                    int m = 2 * (mi * padCols + mj);
                    float cr = buffer[m];
                    float ci = -buffer[m + 1];
                    // A = (Z + conj Z(−f)) / 2, B = (Z − conj Z(−f)) / 2i
                    float ar = 0.5f * (zr + cr);
                    float ai = 0.5f * (zi + ci);
                    float br = 0.5f * (zi - ci);
                    float bi = -0.5f * (zr - cr);
                    sum[2 * k] += wa[k] * ar + wb[k] * br;
                    sum[2 * k + 1] += wa[k] * ai + wb[k] * bi;
                }
            }
        }
        fft.complexInverse(sum, true);
        int pr = (padRows - rows) / 2;
        int pc = (padCols - cols) / 2;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                // B = −(contrast)/2 per the transfer function; μT = 2B
                out[outOffset + i * cols + j] = -sum[2 * ((i + pr) * padCols + j + pc)];
            }
        }
    }
}
