package se.ixbi.gpu.registration;

import java.util.stream.IntStream;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Straightens a FIB-SEM stack: each slice is matched to its few predecessors (phase correlation for the whole-pixel
 * shift, then Gauss-Newton on the squared difference with bicubic interpolation for the fraction), and the slice
 * positions are the least-squares solution of all those pairwise shifts — so that one poor pair does not bend the
 * rest of the stack, as a chain of pairwise shifts would.
 */
public final class SliceAlignment {

    /** Shifts (y, x in pixels) per slice: where slice k's content lies relative to slice 0's. */
    public record Drift(double[] y, double[] x) {

        public int slices() {
            return y.length;
        }
    }

    private static final double SMOOTHING = 1.5;

    private final int neighbours;
    private final int maxShift;

    /**
     * @param neighbours how many preceding slices each slice is matched to (1–4)
     * @param maxShift   the largest shift between neighbouring slices to look for, in pixels
     */
    public SliceAlignment(int neighbours, int maxShift) {
        if (neighbours < 1 || neighbours > 4) {
            throw new IllegalArgumentException("neighbours must be 1 to 4, got " + neighbours);
        }
        this.neighbours = neighbours;
        this.maxShift = maxShift;
    }

    public Drift estimate(Volume stack) {
        int n = stack.depth();
        int h = stack.height();
        int w = stack.width();
        if (h < 16 || w < 16) {
            throw new IllegalArgumentException("slices of " + h + " × " + w + " px are too small to align");
        }
        // matched after smoothing: interpolating white noise lowers its variance most at half-pixel positions, and
        // on noisy images that dip pulls every estimate there; noise correlated over a few pixels has no such dip
        float[][] slices = new float[n][];
        IntStream.range(0, n).parallel().forEach(k -> slices[k] = GaussianBlur.image(
                java.util.Arrays.copyOfRange(stack.values(), k * h * w, (k + 1) * h * w), h, w, SMOOTHING));
        // measured[k][j-1] = shift of slice k relative to slice k − j
        double[][][] measured = new double[n][neighbours][];
        IntStream.range(1, n).parallel().forEach(k -> {
            FloatFFT_2D fft = new FloatFFT_2D(h, w);
            for (int j = 1; j <= neighbours && k - j >= 0; j++) {
                measured[k][j - 1] = shift(fft, slices[k - j], slices[k], h, w);
            }
        });
        return solve(measured, n);
    }

    /**
     * Only the fast part of a drift: the estimate less its Gaussian-smoothed self (σ in slices). Slow lateral motion
     * in a stack is stage creep and the specimen's own slopes alike — a curved rim, a vessel crossing the slices
     * obliquely — and correcting it would bend the specimen straight; it is left for registration to the X-ray
     * volume, where a steady creep is a shear. Jitter is the stage's alone and is removed.
     */
    public static Drift jitterOnly(Drift drift, double sigmaSlices) {
        return new Drift(highPass(drift.y(), sigmaSlices), highPass(drift.x(), sigmaSlices));
    }

    private static double[] highPass(double[] v, double sigma) {
        int n = v.length;
        int r = (int) Math.ceil(3 * sigma);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            double weight = 0;
            for (int j = Math.max(0, k - r); j <= Math.min(n - 1, k + r); j++) {
                double w = Math.exp(-0.5 * (j - k) * (j - k) / (sigma * sigma));
                sum += w * v[j];
                weight += w;
            }
            out[k] = v[k] - sum / weight;
        }
        // slice 0 stays where it is: the block's frame is the first slice's
        double first = out[0];
        for (int k = 0; k < n; k++) {
            out[k] -= first;
        }
        return out;
    }

    /** Resamples each slice so that its content lines up with slice 0 (edges continued outward). */
    public static Volume apply(Volume stack, Drift drift) {
        int h = stack.height();
        int w = stack.width();
        float[] out = new float[stack.values().length];
        IntStream.range(0, stack.depth()).parallel().forEach(k -> {
            int base = k * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[base + y * w + x] = (float) Bicubic.at(stack.values(), base, h, w, y + drift.y()[k],
                            x + drift.x()[k]);
                }
            }
        });
        return new Volume(stack.depth(), h, w, stack.spacing(), stack.origin(), out);
    }

    /** Shift d such that b(p) ≈ a(p − d). */
    private double[] shift(FloatFFT_2D fft, float[] a, float[] b, int h, int w) {
        int[] whole = phaseCorrelation(fft, a, b, h, w);
        double dy = whole[0];
        double dx = whole[1];
        int margin = Math.min(maxShift + 3, Math.min(h, w) / 4);
        // Gauss-Newton: the d minimising Σ_p (b(p + d) − a(p))² over the window less a margin
        for (int iteration = 0; iteration < 20; iteration++) {
            double hyy = 0;
            double hxx = 0;
            double hxy = 0;
            double gy = 0;
            double gx = 0;
            for (int y = margin; y < h - margin; y++) {
                for (int x = margin; x < w - margin; x++) {
                    double[] v = Bicubic.withGradient(b, 0, h, w, y + dy, x + dx);
                    double r = v[0] - a[y * w + x];
                    hyy += v[1] * v[1];
                    hxx += v[2] * v[2];
                    hxy += v[1] * v[2];
                    gy += r * v[1];
                    gx += r * v[2];
                }
            }
            double det = hyy * hxx - hxy * hxy;
            if (det <= 0) {
                break;
            }
            double stepY = -(hxx * gy - hxy * gx) / det;
            double stepX = -(hyy * gx - hxy * gy) / det;
            dy += stepY;
            dx += stepX;
            if (Math.abs(stepY) < 1e-4 && Math.abs(stepX) < 1e-4) {
                break;
            }
        }
        return new double[] {dy, dx};
    }

    /** Whole-pixel shift of b against a by the peak of the normalised cross-power spectrum, within maxShift. */
    private int[] phaseCorrelation(FloatFFT_2D fft, float[] a, float[] b, int h, int w) {
        float[] fa = windowed(a, h, w);
        float[] fb = windowed(b, h, w);
        fft.complexForward(fa);
        fft.complexForward(fb);
        for (int i = 0; i < fa.length; i += 2) {
            // conj(A)·B / |conj(A)·B|
            double re = fa[i] * fb[i] + fa[i + 1] * fb[i + 1];
            double im = fa[i] * fb[i + 1] - fa[i + 1] * fb[i];
            double mag = Math.hypot(re, im) + 1e-20;
            fa[i] = (float) (re / mag);
            fa[i + 1] = (float) (im / mag);
        }
        fft.complexInverse(fa, false);
        int bestY = 0;
        int bestX = 0;
        double best = -Double.MAX_VALUE;
        for (int y = -maxShift; y <= maxShift; y++) {
            for (int x = -maxShift; x <= maxShift; x++) {
                int yy = Math.floorMod(y, h);
                int xx = Math.floorMod(x, w);
                double v = fa[2 * (yy * w + xx)];
                if (v > best) {
                    best = v;
                    bestY = y;
                    bestX = x;
                }
            }
        }
        return new int[] {bestY, bestX};
    }

    /** Mean removed and a Hann window applied, so that the image edges do not dominate the spectrum. */
    private static float[] windowed(float[] v, int h, int w) {
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        float[] c = new float[2 * h * w];
        for (int y = 0; y < h; y++) {
            double wy = 0.5 - 0.5 * Math.cos(2 * Math.PI * (y + 0.5) / h);
            for (int x = 0; x < w; x++) {
                double wx = 0.5 - 0.5 * Math.cos(2 * Math.PI * (x + 0.5) / w);
                c[2 * (y * w + x)] = (float) ((v[y * w + x] - mean) * wy * wx);
            }
        }
        return c;
    }

    /**
     * Positions P (P₀ = 0) minimising Σ (P_k − P_{k−j} − d_{k,j})², per axis: a banded system of half-width
     * {@code neighbours}, solved by banded Cholesky.
     */
    private Drift solve(double[][][] measured, int n) {
        double[][] positions = new double[2][n];
        for (int axis = 0; axis < 2; axis++) {
            int m = n - 1; // unknowns P_1 … P_{n−1}
            if (m == 0) {
                break;
            }
            int band = neighbours;
            double[][] a = new double[m][band + 1]; // a[i][d] = A(i, i − d)
            double[] rhs = new double[m];
            for (int k = 1; k < n; k++) {
                for (int j = 1; j <= neighbours && k - j >= 0; j++) {
                    double d = measured[k][j - 1][axis];
                    int i = k - 1;
                    int p = k - j - 1; // −1 means P_0, fixed at 0
                    a[i][0] += 1;
                    rhs[i] += d;
                    if (p >= 0) {
                        a[p][0] += 1;
                        rhs[p] -= d;
                        a[i][j] -= 1;
                    }
                }
            }
            double[] x = BandedCholesky.solve(a, rhs, band);
            System.arraycopy(x, 0, positions[axis], 1, m);
        }
        return new Drift(positions[0], positions[1]);
    }
}
