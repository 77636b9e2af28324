package se.ixbi.gpu.threshold;

/** Otsu's threshold: the intensity that best splits values into two classes (256 bins over the range). */
public final class Otsu {

    private Otsu() {
    }

    public static double threshold(float[] values) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            return min;
        }
        int bins = 256;
        double[] hist = new double[bins];
        double width = (max - min) / bins;
        for (float v : values) {
            hist[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        double total = values.length;
        double sumAll = 0;
        for (int i = 0; i < bins; i++) {
            sumAll += i * hist[i];
        }
        double weightLow = 0;
        double sumLow = 0;
        double best = -1;
        int split = 0;
        for (int i = 0; i < bins - 1; i++) {
            weightLow += hist[i];
            sumLow += i * hist[i];
            double weightHigh = total - weightLow;
            if (weightLow == 0 || weightHigh == 0) {
                continue;
            }
            double meanLow = sumLow / weightLow;
            double meanHigh = (sumAll - sumLow) / weightHigh;
            double between = weightLow * weightHigh * (meanLow - meanHigh) * (meanLow - meanHigh);
            if (between > best) {
                best = between;
                split = i;
            }
        }
        return min + (split + 1) * width;
    }
}
