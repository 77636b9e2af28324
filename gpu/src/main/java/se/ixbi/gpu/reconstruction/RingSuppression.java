package se.ixbi.gpu.reconstruction;

import java.util.Arrays;

/**
 * Removes stripes from a sinogram, which become rings in the slice. A detector pixel with a wrong gain adds the
 * same offset at every angle, while the sample's features move across the detector as it turns. The method works
 * on the difference between neighbouring detector pixels: its median over all angles is smooth for the sample, and
 * a stripe adds a +offset/−offset pair to it. Removing the smooth part (a running median) leaves the pairs, whose
 * running sum is the stripe profile; that is subtracted from every row. Working on differences keeps a steep
 * sample edge beside a stripe from biasing the estimate, as a running median of the values themselves would.
 */
public final class RingSuppression {

    private final int window;

    /** @param window running median width in pixels (odd): wider than the widest stripe, narrower than features */
    public RingSuppression(int window) {
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("the median window must be odd and at least 3, was " + window);
        }
        this.window = window;
    }

    public void apply(float[] sinogram, int angles, int width) {
        float[] column = new float[angles];
        float[] step = new float[width - 1];
        for (int u = 0; u < width - 1; u++) {
            for (int a = 0; a < angles; a++) {
                column[a] = sinogram[a * width + u + 1] - sinogram[a * width + u];
            }
            Arrays.sort(column);
            step[u] = column[angles / 2];
        }
        float[] trend = runningMedian(step, window);
        float[] stripe = new float[width];
        for (int u = 1; u < width; u++) {
            stripe[u] = stripe[u - 1] + (step[u - 1] - trend[u - 1]);
        }
        // the running sum may drift with noise: keep only what stands out locally
        float[] drift = runningMedian(stripe, 4 * window + 1);
        for (int u = 0; u < width; u++) {
            stripe[u] -= drift[u];
        }
        for (int a = 0; a < angles; a++) {
            for (int u = 0; u < width; u++) {
                sinogram[a * width + u] -= stripe[u];
            }
        }
    }

    private static float[] runningMedian(float[] values, int window) {
        int half = window / 2;
        float[] out = new float[values.length];
        float[] neighbourhood = new float[window];
        for (int u = 0; u < values.length; u++) {
            for (int k = -half; k <= half; k++) {
                neighbourhood[k + half] = values[Math.min(values.length - 1, Math.max(0, u + k))];
            }
            Arrays.sort(neighbourhood);
            out[u] = neighbourhood[half];
        }
        return out;
    }
}
