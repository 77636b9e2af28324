package se.ixbi.gpu.registration;

/**
 * Exhaustive translation search: the masked normalised cross-correlation of a template with the moving image at every
 * whole-voxel offset where the template lies fully inside, computed with FFTs (Padfield, IEEE TIP 2012). Used to
 * find a small field of view (a vEM block, a section) in a large volume before any gradient step, where a local
 * optimiser started from the image centres would never arrive.
 */
final class CorrelationSearch {

    record Peak(int z, int y, int x, double correlation) {
    }

    private final Volume moving;
    private final PaddedFft fft;
    private final float[] image;
    private final float[] imageSquared;

    CorrelationSearch(Volume moving) {
        this.moving = moving;
        this.fft = new PaddedFft(moving.depth(), moving.height(), moving.width());
        // NCC ignores an offset; taking the mean out keeps the float sums of squares from cancelling
        float[] v = moving.values().clone();
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        float[] squared = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] -= (float) mean;
            squared[i] = v[i] * v[i];
        }
        image = fft.forward(v, moving.shape());
        imageSquared = fft.forward(squared, moving.shape());
    }

    /**
     * The best offset of the template (values where {@code mask} is set) by NCC, or by |NCC| when {@code
     * eitherSign}, so that inverted contrast still matches. Null when the template does not fit inside the image.
     */
    Peak best(float[] template, boolean[] mask, int[] shape, boolean eitherSign) {
        for (int a = 0; a < 3; a++) {
            if (shape[a] > moving.size(a)) {
                return null;
            }
        }
        int count = 0;
        double mean = 0;
        for (int i = 0; i < template.length; i++) {
            if (mask[i]) {
                count++;
                mean += template[i];
            }
        }
        mean /= Math.max(1, count);
        double sum = 0;
        double sumSquares = 0;
        float[] masked = new float[template.length];
        float[] ones = new float[template.length];
        for (int i = 0; i < template.length; i++) {
            if (mask[i]) {
                masked[i] = (float) (template[i] - mean);
                sum += masked[i];
                sumSquares += (double) masked[i] * masked[i];
                ones[i] = 1;
            }
        }
        double templateVariance = sumSquares - sum * sum / count;
        if (count < 8 || templateVariance <= 0) {
            return null;
        }
        float[] ft = fft.forward(masked, shape);
        float[] fm = fft.forward(ones, shape);
        float[] cross = correlate(ft, image);
        float[] localSum = correlate(fm, image);
        float[] localSquares = correlate(fm, imageSquared);
        double scale = 2.0 / fft.length();
        Peak best = null;
        for (int z = 0; z <= moving.depth() - shape[0]; z++) {
            for (int y = 0; y <= moving.height() - shape[1]; y++) {
                for (int x = 0; x <= moving.width() - shape[2]; x++) {
                    int i = fft.index(z, y, x);
                    double c = cross[i] * scale;
                    double s = localSum[i] * scale;
                    double ss = localSquares[i] * scale;
                    double variance = ss - s * s / count;
                    if (variance <= 1e-12 * Math.max(1, ss)) {
                        continue;
                    }
                    double ncc = (c - sum * s / count) / Math.sqrt(templateVariance * variance);
                    double score = eitherSign ? Math.abs(ncc) : ncc;
                    if (best == null || score > best.correlation()) {
                        best = new Peak(z, y, x, score);
                    }
                }
            }
        }
        return best;
    }

    /** Inverse FFT of conj(a)·b: Σ_u a(u)·b(v + u). */
    private float[] correlate(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i += 2) {
            float ar = a[i];
            float ai = -a[i + 1];
            out[i] = ar * b[i] - ai * b[i + 1];
            out[i + 1] = ar * b[i + 1] + ai * b[i];
        }
        fft.fft.complexInverse(out, false);
        return out;
    }
}
