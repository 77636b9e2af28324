package se.ixbi.gpu.threshold;

/**
 * Two thresholds that split values into three classes with the largest between-class variance (Otsu's method
 * extended to three classes, exhaustive over a 256-bin histogram): for a tissue volume, background, tissue and dense
 * tissue.
 */
public final class MultiOtsu {

    private MultiOtsu() {
    }

    public static double[] thresholds(float[] values) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > min)) {
            return new double[] {min, min};
        }
        int bins = 256;
        double width = (max - min) / bins;
        double[] count = new double[bins];
        double[] sum = new double[bins];
        for (float v : values) {
            if (Float.isFinite(v)) {
                int b = Math.min(bins - 1, (int) ((v - min) / width));
                count[b]++;
                sum[b] += b;
            }
        }
        // prefix sums: class weight and first moment for bins [0, i)
        double[] w = new double[bins + 1];
        double[] m = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            w[i + 1] = w[i] + count[i];
            m[i + 1] = m[i] + sum[i];
        }
        double best = -1;
        int t1 = 1;
        int t2 = 2;
        for (int a = 1; a < bins - 1; a++) {
            for (int b = a + 1; b < bins; b++) {
                double between = term(w[a], m[a]) + term(w[b] - w[a], m[b] - m[a]) + term(w[bins] - w[b],
                        m[bins] - m[b]);
                if (between > best) {
                    best = between;
                    t1 = a;
                    t2 = b;
                }
            }
        }
        return new double[] {min + t1 * width, min + t2 * width};
    }

    /** A class's contribution to Σ wᵢ·μᵢ², which differs from the between-class variance by a constant. */
    private static double term(double weight, double moment) {
        return weight > 0 ? moment * moment / weight : 0;
    }
}
