package se.ixbi.gpu.reconstruction;

import java.util.function.IntToDoubleFunction;

/** Error measures between an image and its ground truth, over the pixels of the inscribed disc. */
public final class Images {

    private Images() {
    }

    public static double meanInDisc(float[] image, int n) {
        return averageInDisc(n, i -> image[i]);
    }

    public static double rmseInDisc(float[] image, float[] truth, int n) {
        return Math.sqrt(averageInDisc(n, i -> (image[i] - truth[i]) * (double) (image[i] - truth[i])));
    }

    /** Mean of {@code value(pixel index)} over the disc of radius 0.95 n/2 about the grid centre. */
    private static double averageInDisc(int n, IntToDoubleFunction value) {
        double half = (n - 1) / 2.0;
        double r2 = (0.95 * n / 2) * (0.95 * n / 2);
        double sum = 0;
        int count = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if ((x - half) * (x - half) + (y - half) * (y - half) <= r2) {
                    sum += value.applyAsDouble(y * n + x);
                    count++;
                }
            }
        }
        return sum / count;
    }
}
