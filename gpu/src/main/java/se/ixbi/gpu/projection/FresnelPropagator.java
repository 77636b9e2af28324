package se.ixbi.gpu.projection;

import org.jtransforms.fft.DoubleFFT_2D;

import se.ixbi.gpu.phase.Beam;

/**
 * Forward model of propagation-based phase contrast: a sample of projected thickness T made of one material
 * (δ, β) leaves the exit wave {@code exp(−k β T − i k δ T)}, which free-space propagation over the distance z turns
 * into the recorded intensity (paraxial Fresnel transfer function {@code exp(−i π λ z |f|²)}). Used to make test
 * and demo data with known answers.
 */
public final class FresnelPropagator {

    private FresnelPropagator() {
    }

    /**
     * @param thicknessM projected thickness per pixel in metres, {@code rows × cols}
     * @return intensity relative to the incoming beam (1 where there is no sample and no fringe)
     */
    public static float[] intensity(double[] thicknessM, int rows, int cols, double delta, double beta, Beam beam) {
        int pr = Integer.highestOneBit(Math.max(32, 2 * rows - 1)) << 1;
        int pc = Integer.highestOneBit(Math.max(32, 2 * cols - 1)) << 1;
        int or = (pr - rows) / 2;
        int oc = (pc - cols) / 2;
        double k = 2 * Math.PI / beam.wavelengthM();
        double[] wave = new double[2 * pr * pc];
        for (int i = 0; i < pr; i++) {
            for (int j = 0; j < pc; j++) {
                int si = i - or;
                int sj = j - oc;
                double t = si >= 0 && si < rows && sj >= 0 && sj < cols ? thicknessM[si * cols + sj] : 0;
                double amplitude = Math.exp(-k * beta * t);
                double phase = -k * delta * t;
                wave[2 * (i * pc + j)] = amplitude * Math.cos(phase);
                wave[2 * (i * pc + j) + 1] = amplitude * Math.sin(phase);
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(pr, pc);
        fft.complexForward(wave);
        double lz = Math.PI * beam.wavelengthM() * beam.distanceM();
        for (int i = 0; i < pr; i++) {
            double fy = (i < pr / 2 ? i : i - pr) / (pr * beam.pixelM());
            for (int j = 0; j < pc; j++) {
                double fx = (j < pc / 2 ? j : j - pc) / (pc * beam.pixelM());
                double chi = -lz * (fx * fx + fy * fy);
                double c = Math.cos(chi);
                double s = Math.sin(chi);
                int idx = 2 * (i * pc + j);
                double re = wave[idx];
                double im = wave[idx + 1];
                wave[idx] = re * c - im * s;
                wave[idx + 1] = re * s + im * c;
            }
        }
        fft.complexInverse(wave, true);
        float[] intensity = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int idx = 2 * ((i + or) * pc + j + oc);
                intensity[i * cols + j] = (float) (wave[idx] * wave[idx] + wave[idx + 1] * wave[idx + 1]);
            }
        }
        return intensity;
    }
}
