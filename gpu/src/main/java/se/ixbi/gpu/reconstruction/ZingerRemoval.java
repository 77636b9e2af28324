package se.ixbi.gpu.reconstruction;

import java.util.Arrays;

/**
 * Replaces zingers (single bright pixels from scattered or cosmic photons) by the median of their 3 × 3
 * neighbourhood when they exceed it by more than a relative threshold.
 */
public final class ZingerRemoval {

    private final float threshold;

    /** @param threshold relative excess over the local median, e.g. 0.2 for 20 % */
    public ZingerRemoval(float threshold) {
        this.threshold = threshold;
    }

    /** @return how many pixels were replaced */
    public int apply(float[] image, int offset, int rows, int cols) {
        float[] source = Arrays.copyOfRange(image, offset, offset + rows * cols);
        float[] window = new float[9];
        int replaced = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int k = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = Math.min(rows - 1, Math.max(0, y + dy));
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = Math.min(cols - 1, Math.max(0, x + dx));
                        window[k++] = source[yy * cols + xx];
                    }
                }
                Arrays.sort(window);
                float median = window[4];
                float v = source[y * cols + x];
                if (v - median > threshold * Math.abs(median)) {
                    image[offset + y * cols + x] = median;
                    replaced++;
                }
            }
        }
        return replaced;
    }
}
