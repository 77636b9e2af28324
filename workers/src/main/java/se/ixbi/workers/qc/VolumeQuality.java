package se.ixbi.workers.qc;

import java.util.Arrays;

/**
 * Image-quality figures of a reconstructed volume, measured inside the reconstruction cylinder (the inscribed
 * circle of every slice, where all projections contribute).
 * <ul>
 * <li>Voxels are split into tissue and background by Otsu's threshold.</li>
 * <li>Levels and noise are medians and 1.4826 · MAD of each class, so that the voxels of blurred edges, which
 * fall into both classes, do not pass for noise.</li>
 * <li>SNR = median(tissue) / sd(background): signal over the noise seen where there is no sample.</li>
 * <li>CNR = (median(tissue) − median(background)) / √((sd(tissue)² + sd(background)²) / 2).</li>
 * <li>Ring score: rings around the rotation axis are sharp bumps in the radial profile of a slice (mean value per
 * one-voxel annulus); their RMS after subtracting a running median over 7 radii, relative to the contrast.</li>
 * <li>Resolution: the FWHM of the line-spread function at the sharpest edge. For an edge of contrast C blurred by
 * a Gaussian of σ, the steepest gradient is C / (σ√(2π)); the volume is first smoothed by a 3×3×3 box (variance
 * 2/3 voxel² per axis, taken off again) so that noise does not pass for sharpness; FWHM = 2.355 σ.</li>
 * </ul>
 */
final class VolumeQuality {

    private static final double BOX_VARIANCE = 2.0 / 3.0;

    public record Figures(double snr, double cnr, double ringScore, double resolutionVoxels, double threshold,
            double tissueLevel, double backgroundLevel, double backgroundSd) {
    }

    private VolumeQuality() {
    }

    public static Figures measure(int depth, int height, int width, float[] v) {
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        double radius = 0.45 * Math.min(height, width);
        boolean[] inside = new boolean[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                inside[y * width + x] = (y - cy) * (y - cy) + (x - cx) * (x - cx) <= radius * radius;
            }
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < height * width; i++) {
                if (inside[i]) {
                    float value = v[z * height * width + i];
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        double threshold = otsu(depth, height * width, v, inside, min, max);
        // medians and MADs: the voxels of a blurred edge fall into both classes and would inflate means and
        // standard deviations; they are a minority of either class
        Robust tissue = robust(depth, height * width, v, inside, threshold, true, min, max);
        Robust background = robust(depth, height * width, v, inside, threshold, false, min, max);
        double contrast = tissue.median - background.median;
        double snr = tissue.median / Math.max(background.sd, 1e-30);
        double cnr = contrast / Math.sqrt(Math.max((tissue.sd * tissue.sd + background.sd * background.sd) / 2, 1e-30));
        double rings = ringScore(depth, height, width, v, radius, contrast);
        double resolution = resolutionFwhm(depth, height, width, v, inside, contrast);
        return new Figures(snr, cnr, rings, resolution, threshold, tissue.median, background.median, background.sd);
    }

    private record Robust(double median, double sd) {
    }

    private static final int FINE_BINS = 8192;

    /** Median and MAD-based standard deviation (1.4826 · MAD) of one class, from histograms. */
    private static Robust robust(int depth, int plane, float[] v, boolean[] inside, double threshold, boolean above,
            float min, float max) {
        double width = Math.max(max - min, 1e-30);
        long[] histogram = new long[FINE_BINS];
        long count = 0;
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < plane; i++) {
                float value = v[z * plane + i];
                if (inside[i] && (value > threshold) == above) {
                    histogram[Math.min(FINE_BINS - 1, (int) ((value - min) / width * FINE_BINS))]++;
                    count++;
                }
            }
        }
        if (count == 0) {
            return new Robust(Double.NaN, Double.NaN);
        }
        double median = min + quantileBin(histogram, count) * width / FINE_BINS;
        long[] deviations = new long[FINE_BINS];
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < plane; i++) {
                float value = v[z * plane + i];
                if (inside[i] && (value > threshold) == above) {
                    deviations[Math.min(FINE_BINS - 1, (int) (Math.abs(value - median) / width * FINE_BINS))]++;
                }
            }
        }
        double mad = quantileBin(deviations, count) * width / FINE_BINS;
        return new Robust(median, 1.4826 * mad);
    }

    /** The centre of the bin holding the median, as a fractional bin index. */
    private static double quantileBin(long[] histogram, long count) {
        long half = (count + 1) / 2;
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            if (seen + histogram[b] >= half) {
                return b + (half - seen - 0.5) / Math.max(1, histogram[b]);
            }
            seen += histogram[b];
        }
        return histogram.length - 0.5;

    }

    private static double otsu(int depth, int plane, float[] v, boolean[] inside, float min, float max) {
        int bins = 256;
        long[] histogram = new long[bins];
        double scale = max > min ? (bins - 1) / (double) (max - min) : 0;
        long total = 0;
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < plane; i++) {
                if (inside[i]) {
                    histogram[(int) ((v[z * plane + i] - min) * scale)]++;
                    total++;
                }
            }
        }
        double sumAll = 0;
        for (int b = 0; b < bins; b++) {
            sumAll += b * (double) histogram[b];
        }
        double best = -1;
        int bestBin = 0;
        long below = 0;
        double sumBelow = 0;
        for (int b = 0; b < bins - 1; b++) {
            below += histogram[b];
            sumBelow += b * (double) histogram[b];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double m0 = sumBelow / below;
            double m1 = (sumAll - sumBelow) / above;
            double between = (double) below * above * (m0 - m1) * (m0 - m1);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return min + (bestBin + 0.5) / scale;
    }

    private static double ringScore(int depth, int height, int width, float[] v, double radius, double contrast) {
        int rings = (int) radius;
        double sumSquares = 0;
        int count = 0;
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        for (int z = 0; z < depth; z++) {
            double[] sum = new double[rings + 1];
            int[] n = new int[rings + 1];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int r = (int) Math.round(Math.hypot(y - cy, x - cx));
                    if (r <= rings) {
                        sum[r] += v[(z * height + y) * width + x];
                        n[r]++;
                    }
                }
            }
            double[] profile = new double[rings + 1];
            for (int r = 0; r <= rings; r++) {
                profile[r] = sum[r] / Math.max(1, n[r]);
            }
            // the first radii hold few voxels and their noise is not a ring
            for (int r = 5; r <= rings - 3; r++) {
                double[] window = Arrays.copyOfRange(profile, r - 3, r + 4);
                Arrays.sort(window);
                double residual = profile[r] - window[3];
                sumSquares += residual * residual;
                count++;
            }
        }
        return count == 0 || contrast <= 0 ? 0 : Math.sqrt(sumSquares / count) / contrast;
    }

    private static double resolutionFwhm(int depth, int height, int width, float[] v, boolean[] inside,
            double contrast) {
        if (depth < 5 || contrast <= 0) {
            return Double.NaN;
        }
        float[] smooth = boxFilter(depth, height, width, v);
        int plane = height * width;
        int samples = 0;
        float[] gradients = new float[(depth - 4) * plane];
        for (int z = 2; z < depth - 2; z++) {
            for (int y = 2; y < height - 2; y++) {
                for (int x = 2; x < width - 2; x++) {
                    if (!inside[y * width + x]) {
                        continue;
                    }
                    int i = z * plane + y * width + x;
                    float gz = (smooth[i + plane] - smooth[i - plane]) / 2;
                    float gy = (smooth[i + width] - smooth[i - width]) / 2;
                    float gx = (smooth[i + 1] - smooth[i - 1]) / 2;
                    gradients[samples++] = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
                }
            }
        }
        if (samples == 0) {
            return Double.NaN;
        }
        float[] g = Arrays.copyOf(gradients, samples);
        Arrays.sort(g);
        double steepest = g[(int) Math.min(samples - 1, Math.floor(0.999 * samples))];
        double sigmaSmoothed = contrast / (steepest * Math.sqrt(2 * Math.PI));
        double sigma = Math.sqrt(Math.max(sigmaSmoothed * sigmaSmoothed - BOX_VARIANCE, 0.05));
        return 2.3548 * sigma;
    }

    private static float[] boxFilter(int depth, int height, int width, float[] v) {
        float[] a = v.clone();
        float[] b = new float[v.length];
        int[] strides = {1, width, height * width};
        int[] sizes = {width, height, depth};
        for (int axis = 0; axis < 3; axis++) {
            int stride = strides[axis];
            int size = sizes[axis];
            for (int i = 0; i < a.length; i++) {
                int coordinate = (i / stride) % size;
                float left = coordinate > 0 ? a[i - stride] : a[i];
                float right = coordinate < size - 1 ? a[i + stride] : a[i];
                b[i] = (left + a[i] + right) / 3;
            }
            float[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
