package se.ixbi.gpu.registration;

/**
 * Negative normalised cross-correlation, for images whose intensities are related linearly (same modality, or
 * modalities that agree up to gain and offset).
 */
final class NormalizedCorrelation extends Metric {

    private double overlap;

    NormalizedCorrelation(FixedSamples samples, MovingImage moving) {
        super(samples, moving);
    }

    @Override
    double evaluate(AffineTransform transform, double[] centre, double[] gradient) {
        int blocks = blocks();
        // per block: n, Σf, Σm, Σff, Σmm, Σfm, then Σ f·dm (12), Σ m·dm (12), Σ dm (12)
        double[][] partial = new double[blocks][6 + 36];
        boolean withGradient = gradient != null;
        blockStream().forEach(b -> {
            double[] acc = partial[b];
            double[] p = new double[3];
            double[] s = new double[4];
            int end = Math.min(samples.count, (b + 1) * BLOCK);
            for (int k = b * BLOCK; k < end; k++) {
                transform.apply(samples.z[k], samples.y[k], samples.x[k], p);
                if (!moving.sample(p[0], p[1], p[2], s)) {
                    continue;
                }
                double f = samples.value[k];
                double m = s[0];
                acc[0]++;
                acc[1] += f;
                acc[2] += m;
                acc[3] += f * f;
                acc[4] += m * m;
                acc[5] += f * m;
                if (withGradient) {
                    double pz = samples.z[k] - centre[0];
                    double py = samples.y[k] - centre[1];
                    double px = samples.x[k] - centre[2];
                    accumulate(acc, 6, f, s[1], s[2], s[3], pz, py, px);
                    accumulate(acc, 18, m, s[1], s[2], s[3], pz, py, px);
                    accumulate(acc, 30, 1, s[1], s[2], s[3], pz, py, px);
                }
            }
        });
        double[] t = new double[42];
        for (double[] a : partial) {
            for (int i = 0; i < t.length; i++) {
                t[i] += a[i];
            }
        }
        double n = t[0];
        overlap = n / samples.count;
        if (overlap < MIN_OVERLAP || n < 16) {
            if (withGradient) {
                java.util.Arrays.fill(gradient, 0);
            }
            return 1; // worse than any overlapping alignment
        }
        double fMean = t[1] / n;
        double mMean = t[2] / n;
        double sff = t[3] - n * fMean * fMean;
        double smm = t[4] - n * mMean * mMean;
        double sfm = t[5] - n * fMean * mMean;
        if (sff <= 0 || smm <= 0) {
            if (withGradient) {
                java.util.Arrays.fill(gradient, 0);
            }
            return 0;
        }
        double norm = Math.sqrt(sff * smm);
        double ncc = sfm / norm;
        if (withGradient) {
            for (int i = 0; i < 12; i++) {
                double fdm = t[6 + i] - fMean * t[30 + i];
                double mdm = t[18 + i] - mMean * t[30 + i];
                gradient[i] = -(fdm / norm - ncc * mdm / smm);
            }
        }
        return -ncc;
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
