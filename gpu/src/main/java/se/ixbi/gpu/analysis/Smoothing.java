package se.ixbi.gpu.analysis;

import java.util.stream.IntStream;

/** Separable 3D Gaussian smoothing (z, y, x row-major), edges continued outward, parallel over slices. */
final class Smoothing {

    private Smoothing() {
    }

    static float[] gaussian3d(float[] v, int d, int h, int w, double sigma) {
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
        float[] a = pass(v, d, h, w, k, r, 1, w);
        float[] b = pass(a, d, h, w, k, r, w, h);
        return pass(b, d, h, w, k, r, h * w, d);
    }

    /** One axis: {@code stride} between neighbours, {@code n} voxels along it. */
    private static float[] pass(float[] v, int d, int h, int w, double[] k, int r, int stride, int n) {
        float[] out = new float[v.length];
        IntStream.range(0, d).parallel().forEach(z -> {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (z * h + y) * w + x;
                    int along = stride == 1 ? x : stride == w ? y : z;
                    double s = 0;
                    for (int j = -r; j <= r; j++) {
                        int at = Math.max(0, Math.min(n - 1, along + j));
                        s += k[j + r] * v[i + (at - along) * stride];
                    }
                    out[i] = (float) s;
                }
            }
        });
        return out;
    }
}
