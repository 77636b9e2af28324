package se.ixbi.gpu.phase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.projection.FresnelPropagator;

/**
 * Cells (small water spheres, phase up to ~1 rad) imaged at three distances where a 1 µm pixel is far from the near
 * field: CTF retrieval over the three recovers the projected thickness better than Paganin on the closest one.
 */
class CtfPhaseRetrievalTest {

    static final double DELTA = 5.76e-7;
    static final double BETA = 3.46e-10;
    static final int N = 256;
    static final double PIXEL = 1e-6;
    static final double[] DISTANCES = {0.10, 0.25, 0.50};

    @Test
    void threeDistancesBeatSingleDistancePaganin() {
        double[] thickness = cells(new Random(12));
        float[][] images = new float[DISTANCES.length][];
        Random noise = new Random(5);
        for (int d = 0; d < DISTANCES.length; d++) {
            images[d] = FresnelPropagator.intensity(thickness, N, N, DELTA, BETA, new Beam(20, DISTANCES[d], PIXEL));
            for (int i = 0; i < images[d].length; i++) {
                images[d][i] += (float) (noise.nextGaussian() * 0.002);
            }
        }
        double mu = 4 * Math.PI * BETA / new Beam(20, 1, PIXEL).wavelengthM();

        float[] ctf = new float[N * N];
        new CtfPhaseRetrieval(N, N, 20, PIXEL, DISTANCES, DELTA / BETA, 1e-2).retrieve(images, ctf, 0);
        float[] paganin = new float[N * N];
        new PaganinPhaseRetrieval(N, N, new Beam(20, DISTANCES[0], PIXEL), DELTA / BETA)
                .retrieve(images[0], 0, paganin, 0);

        double ctfError = rmseUm(ctf, thickness, mu);
        double paganinError = rmseUm(paganin, thickness, mu);
        assertThat(new Beam(20, DISTANCES[0], PIXEL).fresnelNumber()).isLessThan(0.2);
        assertThat(ctfError).as("CTF thickness RMSE, µm").isLessThan(0.8 * paganinError);
        assertThat(ctfError).as("CTF thickness RMSE, µm").isLessThan(1.0);
    }

    @Test
    void oneImagePerDistanceIsRequired() {
        var ctf = new CtfPhaseRetrieval(16, 16, 20, PIXEL, DISTANCES, 1000, 1e-2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctf.retrieve(new float[2][256], new float[256], 0))
                .hasMessageContaining("one per distance");
    }

    private static double[] cells(Random random) {
        double[] t = new double[N * N];
        for (int c = 0; c < 40; c++) {
            double cx = (20 + random.nextDouble() * (N - 40)) * PIXEL;
            double cy = (20 + random.nextDouble() * (N - 40)) * PIXEL;
            double r = (3 + 5 * random.nextDouble()) * PIXEL;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    double dx = j * PIXEL - cx;
                    double dy = i * PIXEL - cy;
                    double h = r * r - dx * dx - dy * dy;
                    if (h > 0) {
                        t[i * N + j] += 2 * Math.sqrt(h);
                    }
                }
            }
        }
        return t;
    }

    private static double rmseUm(float[] muT, double[] thickness, double mu) {
        double s = 0;
        for (int i = 0; i < muT.length; i++) {
            double d = (muT[i] / mu - thickness[i]) * 1e6;
            s += d * d;
        }
        return Math.sqrt(s / muT.length);
    }
}
