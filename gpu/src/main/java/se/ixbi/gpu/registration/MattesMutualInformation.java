package se.ixbi.gpu.registration;

import java.util.Arrays;

/**
 * Negative mutual information after Mattes et al. (IEEE TMI 2003), as ITK and elastix compute it: a joint histogram
 * in which each moving intensity is spread over four bins by a cubic B-spline Parzen window (so that the metric is
 * differentiable), the fixed intensity falls in one bin, and the gradient follows analytically. For images whose
 * intensities are related by any function (different modalities, inverted contrast).
 */
final class MattesMutualInformation extends Metric {

    private static final int PADDING = 2;

    private final int bins;
    private final double fixedMin;
    private final double fixedBinWidth;
    private final double movingMin;
    private final double movingBinWidth;
    private final int[] fixedBin;
    private double overlap;

    MattesMutualInformation(FixedSamples samples, MovingImage moving, int bins) {
        super(samples, moving);
        this.bins = bins;
        double[] fr = range(samples.value);
        double[] mr = range(moving.volume().values());
        fixedMin = fr[0];
        fixedBinWidth = Math.max(fr[1] - fr[0], 1e-12) / (bins - 2 * PADDING - 1);
        movingMin = mr[0];
        movingBinWidth = Math.max(mr[1] - mr[0], 1e-12) / (bins - 2 * PADDING - 1);
        fixedBin = new int[samples.count];
        for (int k = 0; k < samples.count; k++) {
            double pos = (clamp(samples.value[k], fr) - fixedMin) / fixedBinWidth + PADDING;
            fixedBin[k] = (int) Math.floor(pos + 0.5);
        }
    }

    /** 0.1st to 99.9th percentile, so that a few hot or dead voxels do not squeeze the histogram. */
    private static double[] range(float[] values) {
        int stride = Math.max(1, values.length / 200_000);
        float[] sample = new float[(values.length + stride - 1) / stride];
        for (int i = 0, k = 0; i < values.length; i += stride, k++) {
            sample[k] = values[i];
        }
        Arrays.sort(sample);
        double lo = sample[(int) (0.001 * (sample.length - 1))];
        double hi = sample[(int) Math.ceil(0.999 * (sample.length - 1))];
        return new double[] {lo, hi};
    }

    private static double clamp(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    @Override
    double evaluate(PointMap map, double[] dPoint) {
        int n = samples.count;
        double[] mValue = new double[n];
        float[][] grad = dPoint == null ? null : new float[3][n];
        sampleMoving(map, mValue, grad);
        double[] mPos = new double[n];
        int blocks = blocks();
        double[][] joint = new double[blocks][];
        // the joint histogram, each moving value spread over four bins around its position η
        blockStream().forEach(b -> {
            double[] h = new double[bins * bins];
            double maxPos = bins - PADDING - 1;
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                if (Double.isNaN(mValue[k])) {
                    mPos[k] = Double.NaN;
                    continue;
                }
                double eta = (mValue[k] - movingMin) / movingBinWidth + PADDING;
                eta = Math.max(PADDING, Math.min(maxPos, eta));
                mPos[k] = eta;
                int row = fixedBin[k] * bins;
                int first = (int) Math.floor(eta) - 1;
                for (int m = first; m < first + 4; m++) {
                    h[row + m] += BSpline.cubic(m - eta);
                }
            }
            joint[b] = h;
        });
        double[] p = new double[bins * bins];
        for (double[] h : joint) {
            for (int i = 0; i < p.length; i++) {
                p[i] += h[i];
            }
        }
        double total = 0;
        for (double v : p) {
            total += v;
        }
        int valid = 0;
        for (double v : mPos) {
            if (!Double.isNaN(v)) {
                valid++;
            }
        }
        overlap = (double) valid / n;
        if (dPoint != null) {
            Arrays.fill(dPoint, 0);
        }
        if (overlap < MIN_OVERLAP || total <= 0) {
            return 0; // no shared information: worse than any overlapping alignment
        }
        double[] pf = new double[bins];
        double[] pm = new double[bins];
        for (int f = 0; f < bins; f++) {
            for (int m = 0; m < bins; m++) {
                double v = p[f * bins + m] / total;
                p[f * bins + m] = v;
                pf[f] += v;
                pm[m] += v;
            }
        }
        double mi = 0;
        double[] logRatio = new double[bins * bins]; // log(p(f,m) / pm(m)), the weight of ∂p in the gradient
        for (int f = 0; f < bins; f++) {
            for (int m = 0; m < bins; m++) {
                double v = p[f * bins + m];
                if (v > 1e-16 && pf[f] > 0 && pm[m] > 0) {
                    mi += v * Math.log(v / (pf[f] * pm[m]));
                    logRatio[f * bins + m] = Math.log(v / pm[m]);
                }
            }
        }
        if (dPoint != null) {
            // ∂MI/∂m_k = −1/(N·bin width) · Σ_m log(p(f_k,m)/pm(m)) · β′(m − η_k); the value is −MI
            double scale = 1.0 / (total * movingBinWidth);
            blockStream().forEach(b -> {
                int end = Math.min(n, (b + 1) * BLOCK);
                for (int k = b * BLOCK; k < end; k++) {
                    double eta = mPos[k];
                    if (Double.isNaN(eta)) {
                        continue;
                    }
                    int row = fixedBin[k] * bins;
                    int first = (int) Math.floor(eta) - 1;
                    double w = 0;
                    for (int m = first; m < first + 4; m++) {
                        w += logRatio[row + m] * BSpline.cubicDerivative(m - eta);
                    }
                    double d = w * scale;
                    dPoint[3 * k] = d * grad[0][k];
                    dPoint[3 * k + 1] = d * grad[1][k];
                    dPoint[3 * k + 2] = d * grad[2][k];
                }
            });
        }
        return -mi;
    }

    @Override
    double reported(double value) {
        return -value;
    }

    @Override
    double overlap() {
        return overlap;
    }
}
