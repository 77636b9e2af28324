package se.ixbi.gpu.registration;

/**
 * Masked normalised cross-correlation over every whole-voxel offset at which the template overlaps the moving image
 * by at least a given fraction of itself (Padfield, IEEE TIP 2012, with both images masked). Used where the fixed
 * image is about as large as the moving one — a whole tissue section in the volume it was cut from — so that no
 * offset holds it entirely inside.
 */
final class PartialCorrelationSearch {

    private final Volume moving;
    private final int[] padded;
    private final PaddedFft fft;
    private final float[] inside;
    private final float[] image;
    private final float[] imageSquared;

    /** @param templateExtent the largest template, in voxels per axis */
    PartialCorrelationSearch(Volume moving, int[] templateExtent) {
        this.moving = moving;
        this.fft = new PaddedFft(moving.depth() + templateExtent[0] - 1, moving.height() + templateExtent[1] - 1,
                moving.width() + templateExtent[2] - 1);
        this.padded = fft.padded;
        float[] v = moving.values();
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        float[] ones = new float[v.length];
        float[] centred = new float[v.length];
        float[] squared = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            ones[i] = 1;
            centred[i] = (float) (v[i] - mean);
            squared[i] = centred[i] * centred[i];
        }
        inside = fft.forward(ones, moving.shape());
        image = fft.forward(centred, moving.shape());
        imageSquared = fft.forward(squared, moving.shape());
    }

    /**
     * The best offset (the moving voxel under template voxel 0, possibly negative) by NCC or |NCC|, among those
     * overlapping at least {@code minOverlap} of the template's voxels; null if none does.
     */
    CorrelationSearch.Peak best(float[] template, boolean[] mask, int[] shape, boolean eitherSign,
            double minOverlap) {
        for (int a = 0; a < 3; a++) {
            if (shape[a] + moving.size(a) - 1 > padded[a]) {
                throw new IllegalArgumentException("template larger than this search was planned for");
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
        if (count < 8) {
            return null;
        }
        mean /= count;
        float[] t = new float[template.length];
        float[] t2 = new float[template.length];
        float[] m = new float[template.length];
        for (int i = 0; i < template.length; i++) {
            if (mask[i]) {
                t[i] = (float) (template[i] - mean);
                t2[i] = t[i] * t[i];
                m[i] = 1;
            }
        }
        // six correlations of real images from two forward and three inverse transforms: two real inputs share
        // one complex transform, and two real outputs share one inverse (their spectra are Hermitian)
        float[] packed = new float[2 * padded[0] * padded[1] * padded[2]];
        fft.place(t, shape, packed, 0);
        fft.place(t2, shape, packed, 1);
        fft.fft.complexForward(packed);
        float[] fm = fft.forward(m, shape);
        int size = packed.length;
        float[] nAndT = new float[size];
        float[] t2AndI = new float[size];
        float[] i2AndCross = new float[size];
        for (int z = 0; z < padded[0]; z++) {
            int nz = (padded[0] - z) % padded[0];
            for (int y = 0; y < padded[1]; y++) {
                int ny = (padded[1] - y) % padded[1];
                for (int x = 0; x < padded[2]; x++) {
                    int nx = (padded[2] - x) % padded[2];
                    int i = 2 * ((z * padded[1] + y) * padded[2] + x);
                    int j = 2 * ((nz * padded[1] + ny) * padded[2] + nx);
                    // T = (A(k) + conj A(−k)) / 2, T2 = (A(k) − conj A(−k)) / 2i
                    float tr = 0.5f * (packed[i] + packed[j]);
                    float ti = 0.5f * (packed[i + 1] - packed[j + 1]);
                    float t2r = 0.5f * (packed[i + 1] + packed[j + 1]);
                    float t2i = -0.5f * (packed[i] - packed[j]);
                    float mr = fm[i];
                    float mi = fm[i + 1];
                    // conj(X)·Y = (xr·yr + xi·yi) + i(xr·yi − xi·yr); pairs packed as P1 + i·P2
                    packPair(nAndT, i, mr, mi, inside, tr, ti, inside);
                    packPair(t2AndI, i, t2r, t2i, inside, mr, mi, image);
                    packPair(i2AndCross, i, mr, mi, imageSquared, tr, ti, image);
                }
            }
        }
        fft.fft.complexInverse(nAndT, false);
        fft.fft.complexInverse(t2AndI, false);
        fft.fft.complexInverse(i2AndCross, false);
        double scale = 1.0 / ((double) padded[0] * padded[1] * padded[2]);
        double needed = Math.max(8, minOverlap * count);
        CorrelationSearch.Peak best = null;
        // offset v: template voxel u meets moving voxel u + v; v from −(shape − 1) to moving − 1, stored modulo
        for (int z = -(shape[0] - 1); z < moving.depth(); z++) {
            for (int y = -(shape[1] - 1); y < moving.height(); y++) {
                for (int x = -(shape[2] - 1); x < moving.width(); x++) {
                    int i = fft.index(z, y, x);
                    double overlap = nAndT[i] * scale;
                    if (overlap < needed) {
                        continue;
                    }
                    double st = nAndT[i + 1] * scale;
                    double si = t2AndI[i + 1] * scale;
                    double vt = t2AndI[i] * scale - st * st / overlap;
                    double vi = i2AndCross[i] * scale - si * si / overlap;
                    if (vt <= 1e-9 || vi <= 1e-9) {
                        continue;
                    }
                    double ncc = (i2AndCross[i + 1] * scale - st * si / overlap) / Math.sqrt(vt * vi);
                    double score = eitherSign ? Math.abs(ncc) : ncc;
                    if (best == null || score > best.correlation()) {
                        best = new CorrelationSearch.Peak(z, y, x, score);
                    }
                }
            }
        }
        return best;
    }

    /** Writes conj(a)·ya + i·conj(b)·yb at i, the second product's real and imaginary parts turned by i. */
    private static void packPair(float[] out, int i, float ar, float ai, float[] ya, float br, float bi, float[] yb) {
        float p1r = ar * ya[i] + ai * ya[i + 1];
        float p1i = ar * ya[i + 1] - ai * ya[i];
        float p2r = br * yb[i] + bi * yb[i + 1];
        float p2i = br * yb[i + 1] - bi * yb[i];
        out[i] = p1r - p2i;
        out[i + 1] = p1i + p2r;
    }
}
