package se.ixbi.gpu.registration;

import java.util.Arrays;

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
    double evaluate(PointMap map, double[] dPoint) {
        int n = samples.count;
        double[] m = new double[n];
        float[][] grad = dPoint == null ? null : new float[3][n];
        sampleMoving(map, m, grad);
        double count = 0;
        double sf = 0;
        double sm = 0;
        double sff = 0;
        double smm = 0;
        double sfm = 0;
        for (int k = 0; k < n; k++) {
            if (Double.isNaN(m[k])) {
                continue;
            }
            double f = samples.value[k];
            count++;
            sf += f;
            sm += m[k];
            sff += f * f;
            smm += m[k] * m[k];
            sfm += f * m[k];
        }
        overlap = count / n;
        if (dPoint != null) {
            Arrays.fill(dPoint, 0);
        }
        if (overlap < MIN_OVERLAP || count < 16) {
            return 1; // worse than any overlapping alignment
        }
        double fMean = sf / count;
        double mMean = sm / count;
        double vf = sff - count * fMean * fMean;
        double vm = smm - count * mMean * mMean;
        double cfm = sfm - count * fMean * mMean;
        if (vf <= 0 || vm <= 0) {
            return 0;
        }
        double norm = Math.sqrt(vf * vm);
        double ncc = cfm / norm;
        if (dPoint != null) {
            // ∂NCC/∂m_k = (f_k − f̄)/norm − NCC·(m_k − m̄)/vm; the value is −NCC
            for (int k = 0; k < n; k++) {
                if (Double.isNaN(m[k])) {
                    continue;
                }
                double w = -((samples.value[k] - fMean) / norm - ncc * (m[k] - mMean) / vm);
                dPoint[3 * k] = w * grad[0][k];
                dPoint[3 * k + 1] = w * grad[1][k];
                dPoint[3 * k + 2] = w * grad[2][k];
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
