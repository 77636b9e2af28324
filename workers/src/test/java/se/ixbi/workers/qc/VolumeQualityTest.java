package se.ixbi.workers.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The figures on volumes whose blur, noise and rings are known. */
class VolumeQualityTest {

    private static final int N = 64;

    @Test
    void resolutionIsTheFwhmOfAKnownGaussianBlur() {
        for (double sigma : new double[] {1.0, 1.5, 2.5}) {
            float[] v = sphere();
            blur(v, sigma);

            VolumeQuality.Figures f = VolumeQuality.measure(N, N, N, v);

            assertThat(f.resolutionVoxels()).as("σ = %s", sigma).isCloseTo(2.3548 * sigma, within(0.15 * 2.3548 * sigma));
        }
    }

    @Test
    void noiseSetsTheSignalToNoiseRatioAndDoesNotPassForSharpness() {
        float[] v = sphere();
        blur(v, 1.5);
        addNoise(v, 0.05, 3);

        VolumeQuality.Figures f = VolumeQuality.measure(N, N, N, v);

        // tissue 1, background 0 with sd 0.05
        assertThat(f.snr()).isCloseTo(20, within(3.0));
        // the tail of the blurred edge on the background side adds about a tenth
        assertThat(f.backgroundSd()).isCloseTo(0.05, within(0.0075));
        assertThat(f.cnr()).isBetween(10.0, 20.0);
        assertThat(f.resolutionVoxels()).isCloseTo(2.3548 * 1.5, within(0.2 * 2.3548 * 1.5));
    }

    @Test
    void ringsAroundTheAxisRaiseTheRingScore() {
        float[] clean = sphere();
        blur(clean, 1.0);
        addNoise(clean, 0.02, 5);
        float[] ringed = clean.clone();
        double c = (N - 1) / 2.0;
        for (int z = 0; z < N; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    long r = Math.round(Math.hypot(y - c, x - c));
                    if (r == 9 || r == 14 || r == 24) {
                        ringed[(z * N + y) * N + x] += 0.15f;
                    }
                }
            }
        }

        double cleanScore = VolumeQuality.measure(N, N, N, clean).ringScore();
        double ringedScore = VolumeQuality.measure(N, N, N, ringed).ringScore();

        assertThat(cleanScore).isLessThan(0.01);
        assertThat(ringedScore).isGreaterThan(0.05).isGreaterThan(5 * cleanScore);
    }

    /** A ball of value 1 and radius 20 voxels in a background of 0. */
    private static float[] sphere() {
        float[] v = new float[N * N * N];
        double c = (N - 1) / 2.0;
        for (int z = 0; z < N; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    double r = Math.sqrt((z - c) * (z - c) + (y - c) * (y - c) + (x - c) * (x - c));
                    v[(z * N + y) * N + x] = r <= 20 ? 1f : 0f;
                }
            }
        }
        return v;
    }

    /** Separable Gaussian blur of standard deviation {@code sigma} voxels. */
    private static void blur(float[] v, double sigma) {
        int radius = (int) Math.ceil(4 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int[] strides = {1, N, N * N};
        float[] tmp = new float[v.length];
        for (int stride : strides) {
            for (int i = 0; i < v.length; i++) {
                int coordinate = (i / stride) % N;
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int c = Math.min(N - 1, Math.max(0, coordinate + k));
                    acc += kernel[k + radius] * v[i + (c - coordinate) * stride];
                }
                tmp[i] = (float) acc;
            }
            System.arraycopy(tmp, 0, v, 0, v.length);
        }
    }

    private static void addNoise(float[] v, double sd, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (sd * random.nextGaussian());
        }
    }
}
