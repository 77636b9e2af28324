package se.ixbi.gpu.registration;

/** Separable Gaussian smoothing of a row-major 2D image, edges continued outward. */
public final class GaussianBlur {

    private GaussianBlur() {
    }

    public static float[] image(float[] v, int h, int w, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] rows = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * v[y * w + Math.max(0, Math.min(w - 1, x + i))];
                }
                rows[y * w + x] = (float) s;
            }
        }
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * rows[Math.max(0, Math.min(h - 1, y + i)) * w + x];
                }
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }
}
