package se.ixbi.gpu.reconstruction;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Fourier reconstruction by gridding (the method of TomoPy's gridrec; Dowd et al. 1999, Beatty et al. 2005): each
 * filtered projection's transform is a radial line of the slice's 2D transform (Fourier slice theorem); the lines
 * are spread onto a twice-oversampled Cartesian grid with a Kaiser-Bessel kernel, one inverse 2D FFT gives the
 * slice, and dividing by the kernel's transform undoes the spreading. O(N² log N) per slice instead of the N³ of
 * direct back projection. Two slices are reconstructed at once, as the real and imaginary parts.
 *
 * <p>Same geometry, filter and units as {@link FilteredBackProjection}. Not thread-safe: one instance per thread.
 */
public final class Gridrec {

    private static final int KERNEL_WIDTH = 4;
    private static final int TABLE_STEPS = 512;
    private static final int FRACTION_SHIFT = 4;
    private static final int COLUMN_BLOCK = 8;

    private final ParallelGeometry geometry;
    private final int grid;
    private final float[] ramp;
    private final float[] kernelTable;
    private final double beta;
    private final FloatFFT_1D fft1;
    private final float[] line;
    private final float[][] columns;
    private final float[] plane;
    private final float[] cos;
    private final float[] sin;
    /** kernel weights of the 4 taps for each of 4096 fractional positions */
    private final float[] taps;

    public Gridrec(ParallelGeometry geometry, FilterWindow window) {
        this.geometry = geometry;
        this.grid = Integer.highestOneBit(Math.max(32, 2 * geometry.width() - 1)) << 1;
        this.ramp = RampFilter.response(grid, window);
        // Beatty et al. (2005) eq. 5 for oversampling 2
        double sigma = 2.0;
        this.beta = Math.PI * Math.sqrt(KERNEL_WIDTH * KERNEL_WIDTH / (sigma * sigma) * (sigma - 0.5) * (sigma - 0.5) - 0.8);
        this.kernelTable = new float[KERNEL_WIDTH / 2 * TABLE_STEPS + 2];
        for (int i = 0; i < kernelTable.length; i++) {
            double u = (double) i / TABLE_STEPS;
            double r = 1 - (2 * u / KERNEL_WIDTH) * (2 * u / KERNEL_WIDTH);
            kernelTable[i] = r <= 0 ? 0f : (float) besselI0(beta * Math.sqrt(r));
        }
        int fractions = 1 << (16 - FRACTION_SHIFT);
        this.taps = new float[fractions * KERNEL_WIDTH];
        for (int q = 0; q < fractions; q++) {
            float frac = (q + 0.5f) / fractions;
            for (int j = 0; j < KERNEL_WIDTH; j++) {
                taps[q * KERNEL_WIDTH + j] = kernel(j - 1 - frac);
            }
        }
        this.fft1 = new FloatFFT_1D(grid);
        this.line = new float[2 * grid];
        this.columns = new float[COLUMN_BLOCK][2 * grid];
        this.plane = new float[2 * grid * grid];
        this.cos = new float[geometry.angles()];
        this.sin = new float[geometry.angles()];
        for (int a = 0; a < geometry.angles(); a++) {
            cos[a] = (float) Math.cos(geometry.anglesRad()[a]);
            sin[a] = (float) Math.sin(geometry.anglesRad()[a]);
        }
        // π/A as in back projection, 1/grid for the inverse transform that FBP's filtering would have normalised
        float scale = (float) (Math.PI / geometry.angles() / grid);
        for (int bin = 0; bin < grid; bin++) {
            ramp[bin] *= scale;
        }
    }

    /** Reconstructs slices from two sinograms ({@code angles × width}); {@code b} and {@code sliceB} may be null. */
    public void reconstruct(float[] a, float[] b, float[] sliceA, float[] sliceB, int n) {
        java.util.Arrays.fill(plane, 0f);
        int width = geometry.width();
        int angles = geometry.angles();
        int half = grid / 2;
        boolean shift = n % 2 == 0;
        for (int p = 0; p < angles; p++) {
            java.util.Arrays.fill(line, 0f);
            for (int u = 0; u < width; u++) {
                line[2 * u] = a[p * width + u];
                line[2 * u + 1] = b == null ? 0f : b[p * width + u];
            }
            fft1.complexForward(line);
            // the projection's origin is the rotation axis; when n is even the image's pixel centres sit half a
            // step off the FFT lattice, which in projection space is a shift of 0.5·(cos θ + sin θ)
            double origin = geometry.center() + (shift ? 0.5 * (cos[p] + sin[p]) : 0.0);
            double step = 2 * Math.PI * origin / grid;
            double rotRe = Math.cos(step);
            double rotIm = Math.sin(step);
            double phRe = Math.cos(step * (-half + 1));
            double phIm = Math.sin(step * (-half + 1));
            // grid positions k·(cos, sin) step in 16.16 fixed point: no float-to-int conversion per sample
            int stepX = Math.round(cos[p] * 65536f);
            int stepY = Math.round(sin[p] * 65536f);
            int fx = (-half + 1) * stepX;
            int fy = (-half + 1) * stepY;
            for (int k = -half + 1; k < half; k++) {
                int bin = k & (grid - 1);
                float re = line[2 * bin];
                float im = line[2 * bin + 1];
                float c = (float) phRe * ramp[bin];
                float s = (float) phIm * ramp[bin];
                spread(re * c - im * s, re * s + im * c, fx, fy);
                fx += stepX;
                fy += stepY;
                double t = phRe * rotRe - phIm * rotIm;
                phIm = phRe * rotIm + phIm * rotRe;
                phRe = t;
            }
        }
        int off = n / 2;
        double offset = shift ? 0.5 : 0.0;
        double[] deapodize = new double[n];
        for (int x = 0; x < n; x++) {
            deapodize[x] = deapodization((x - off + offset) / grid);
        }
        // the inverse 2D transform, pruned: every row is transformed, then only the n columns the slice shows (of
        // the oversampled grid's 2n), which saves a quarter of the work
        for (int row = 0; row < grid; row++) {
            fft1.complexInverse(plane, 2 * row * grid, false);
        }
        // columns are gathered a block at a time: a block's values lie side by side in each row, one cache line
        for (int x0 = 0; x0 < n; x0 += COLUMN_BLOCK) {
            int block = Math.min(COLUMN_BLOCK, n - x0);
            for (int row = 0; row < grid; row++) {
                int rowStart = 2 * row * grid;
                for (int c = 0; c < block; c++) {
                    int gx = (x0 + c - off) & (grid - 1);
                    columns[c][2 * row] = plane[rowStart + 2 * gx];
                    columns[c][2 * row + 1] = plane[rowStart + 2 * gx + 1];
                }
            }
            for (int c = 0; c < block; c++) {
                int x = x0 + c;
                float[] column = columns[c];
                fft1.complexInverse(column, false);
                for (int y = 0; y < n; y++) {
                    int gy = (y - off) & (grid - 1);
                    double d = deapodize[y] * deapodize[x];
                    sliceA[y * n + x] = (float) (column[2 * gy] / d);
                    if (sliceB != null) {
                        sliceB[y * n + x] = (float) (column[2 * gy + 1] / d);
                    }
                }
            }
        }
    }

    /**
     * Adds one sample at grid position (fx, fy) in 16.16 fixed point to the 4 × 4 grid points within the kernel's
     * reach (|u| < 2); the kernel weights come from a table indexed by the fractional position.
     */
    private void spread(float re, float im, int fx, int fy) {
        int x0 = (fx >> 16) - 1;
        int y0 = (fy >> 16) - 1;
        int tx = ((fx & 0xFFFF) >> FRACTION_SHIFT) * KERNEL_WIDTH;
        int ty = ((fy & 0xFFFF) >> FRACTION_SHIFT) * KERNEL_WIDTH;
        int mask = grid - 1;
        float wx0 = taps[tx];
        float wx1 = taps[tx + 1];
        float wx2 = taps[tx + 2];
        float wx3 = taps[tx + 3];
        int c0 = 2 * (x0 & mask);
        int c1 = 2 * ((x0 + 1) & mask);
        int c2 = 2 * ((x0 + 2) & mask);
        int c3 = 2 * ((x0 + 3) & mask);
        for (int jy = 0; jy < KERNEL_WIDTH; jy++) {
            int row = 2 * ((y0 + jy) & mask) * grid;
            float w = taps[ty + jy];
            float r = re * w;
            float i = im * w;
            plane[row + c0] += r * wx0;
            plane[row + c0 + 1] += i * wx0;
            plane[row + c1] += r * wx1;
            plane[row + c1 + 1] += i * wx1;
            plane[row + c2] += r * wx2;
            plane[row + c2 + 1] += i * wx2;
            plane[row + c3] += r * wx3;
            plane[row + c3 + 1] += i * wx3;
        }
    }

    private float kernel(float u) {
        float t = Math.abs(u) * TABLE_STEPS;
        int i = (int) t;
        if (i >= kernelTable.length - 1) {
            return 0f;
        }
        float f = t - i;
        return kernelTable[i] + f * (kernelTable[i + 1] - kernelTable[i]);
    }

    /** Transform of the Kaiser-Bessel kernel at ν cycles per grid step. */
    private double deapodization(double nu) {
        double x = Math.PI * KERNEL_WIDTH * nu;
        double arg = beta * beta - x * x;
        if (arg > 1e-12) {
            double r = Math.sqrt(arg);
            return KERNEL_WIDTH * Math.sinh(r) / r;
        }
        if (arg < -1e-12) {
            double r = Math.sqrt(-arg);
            return KERNEL_WIDTH * Math.sin(r) / r;
        }
        return KERNEL_WIDTH;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for x below 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 60; k++) {
            term *= q / (k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
