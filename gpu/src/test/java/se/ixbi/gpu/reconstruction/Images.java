package se.ixbi.gpu.reconstruction;

/** Error measures between an image and its ground truth, over the pixels of the inscribed disc. */
final class Images {

    private Images() {
    }

    static double meanInDisc(float[] image, int n) {
        double half = (n - 1) / 2.0;
        double r2 = (0.95 * n / 2) * (0.95 * n / 2);
        double sum = 0;
        int count = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if ((x - half) * (x - half) + (y - half) * (y - half) <= r2) {
                    sum += image[y * n + x];
                    count++;
                }
            }
        }
        return sum / count;
    }

    static double rmseInDisc(float[] image, float[] truth, int n) {
        double half = (n - 1) / 2.0;
        double r2 = (0.95 * n / 2) * (0.95 * n / 2);
        double sum = 0;
        int count = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double dx = x - half;
                double dy = y - half;
                if (dx * dx + dy * dy <= r2) {
                    double d = image[y * n + x] - truth[y * n + x];
                    sum += d * d;
                    count++;
                }
            }
        }
        return Math.sqrt(sum / count);
    }
}
