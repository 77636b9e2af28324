package se.ixbi.gpu.phase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.projection.FresnelPropagator;

/**
 * Paganin retrieval recovers the projected thickness of a water sphere from a simulated propagation image, in
 * micrometres, where the plain logarithm of the same image does not.
 */
class PaganinPhaseRetrievalTest {

    // water at 20 keV (Henke / NIST XCOM): δ = 5.76e-7, β = 3.46e-10
    static final double DELTA = 5.76e-7;
    static final double BETA = 3.46e-10;
    static final int N = 256;
    static final Beam BEAM = new Beam(20, 0.10, 1e-6);

    @Test
    void recoversTheThicknessOfASphereWithinAFewMicrometres() {
        double radius = 60e-6;
        double[] thickness = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double x = (j - N / 2.0 + 0.5) * BEAM.pixelM();
                double y = (i - N / 2.0 + 0.5) * BEAM.pixelM();
                double r2 = radius * radius - x * x - y * y;
                thickness[i * N + j] = r2 > 0 ? 2 * Math.sqrt(r2) : 0;
            }
        }
        float[] intensity = FresnelPropagator.intensity(thickness, N, N, DELTA, BETA, BEAM);
        double mu = 4 * Math.PI * BETA / BEAM.wavelengthM();

        float[] retrieved = new float[N * N];
        new PaganinPhaseRetrieval(N, N, BEAM, DELTA / BETA).retrieve(intensity, 0, retrieved, 0);

        double rmsePaganin = 0;
        double rmsePlainLog = 0;
        for (int k = 0; k < N * N; k++) {
            double paganinUm = retrieved[k] / mu * 1e6;
            double plainUm = -Math.log(intensity[k]) / mu * 1e6;
            double trueUm = thickness[k] * 1e6;
            rmsePaganin += (paganinUm - trueUm) * (paganinUm - trueUm);
            rmsePlainLog += (plainUm - trueUm) * (plainUm - trueUm);
        }
        rmsePaganin = Math.sqrt(rmsePaganin / (N * N));
        rmsePlainLog = Math.sqrt(rmsePlainLog / (N * N));
        double centreUm = retrieved[(N / 2) * N + N / 2] / mu * 1e6;

        assertThat(BEAM.fresnelNumber()).isBetween(0.1, 1.0);
        assertThat(centreUm).as("thickness at the centre, µm").isCloseTo(120.0,
                org.assertj.core.data.Offset.offset(3.0));
        assertThat(rmsePaganin).as("RMSE of thickness, µm").isLessThan(2.0);
        assertThat(rmsePlainLog).as("RMSE without phase retrieval, µm").isGreaterThan(5 * rmsePaganin);
    }

    @Test
    void retrievingTwoAtOnceGivesTheSameAsOneByOne() {
        float[] a = new float[64 * 64];
        float[] b = new float[64 * 64];
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.8f + 0.2f * random.nextFloat();
            b[i] = 0.6f + 0.3f * random.nextFloat();
        }
        PaganinPhaseRetrieval p = new PaganinPhaseRetrieval(64, 64, BEAM, 1000);
        float[] singleA = new float[a.length];
        float[] singleB = new float[b.length];
        p.retrieve(a, 0, singleA, 0);
        p.retrieve(b, 0, singleB, 0);
        float[] pairA = new float[a.length];
        float[] pairB = new float[b.length];
        p.retrievePair(a, 0, pairA, 0, b, 0, pairB, 0);
        for (int i = 0; i < a.length; i++) {
            assertThat(pairA[i]).isCloseTo(singleA[i], org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(pairB[i]).isCloseTo(singleB[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void refusesUnphysicalParameters() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Beam(0, 0.1, 1e-6))
                .hasMessageContaining("positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PaganinPhaseRetrieval(8, 8, BEAM, -5))
                .hasMessageContaining("δ/β");
    }
}
