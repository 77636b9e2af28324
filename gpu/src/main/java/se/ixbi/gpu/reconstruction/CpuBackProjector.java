package se.ixbi.gpu.reconstruction;

import java.util.Arrays;

/**
 * Direct back projection with linear interpolation on the CPU. For each angle and row the range of x whose ray
 * hits the detector is computed first, so that the inner loop has no branch and the JIT can vectorise it.
 */
public final class CpuBackProjector implements BackProjector {

    @Override
    public void backproject(float[] filtered, ParallelGeometry g, float[] slice, int n) {
        Arrays.fill(slice, 0, n * n, 0f);
        int width = g.width();
        float half = (n - 1) / 2f;
        float last = width - 1;
        for (int a = 0; a < g.angles(); a++) {
            float cos = (float) Math.cos(g.anglesRad()[a]);
            float sin = (float) Math.sin(g.anglesRad()[a]);
            int rowOffset = a * width;
            for (int y = 0; y < n; y++) {
                // t(x) = t0 + x·cos is the detector coordinate of pixel (x, y)
                float t0 = (float) (-half * cos + (y - half) * sin + g.center());
                int xFrom = 0;
                int xTo = n;
                if (Math.abs(cos) > 1e-6f) {
                    float xa = -t0 / cos;
                    float xb = (last - t0) / cos;
                    float lo = Math.min(xa, xb);
                    float hi = Math.max(xa, xb);
                    xFrom = Math.max(0, (int) Math.ceil(lo));
                    xTo = Math.min(n, (int) Math.floor(hi) + 1);
                } else if (t0 < 0 || t0 > last) {
                    continue;
                }
                int out = y * n;
                for (int x = xFrom; x < xTo; x++) {
                    float t = t0 + x * cos;
                    int i = (int) t;
                    // t may reach `last` exactly (or by rounding a hair over): clamp the upper neighbour
                    if (i >= width - 1) {
                        i = width - 2;
                    }
                    if (i < 0) {
                        i = 0;
                    }
                    float w = t - i;
                    float left = filtered[rowOffset + i];
                    slice[out + x] += left + w * (filtered[rowOffset + i + 1] - left);
                }
            }
        }
        float scale = (float) (Math.PI / g.angles());
        for (int i = 0; i < n * n; i++) {
            slice[i] *= scale;
        }
    }
}
