package se.ixbi.workers.scan;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import se.ixbi.gpu.phantom.SlicePhantom;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.phase.Beam;
import se.ixbi.gpu.projection.FresnelPropagator;
import se.ixbi.gpu.reconstruction.ParallelGeometry;

/**
 * Writes a synthetic scan of the tissue phantom in the DXchange layout, with photon noise, flats and darks, so
 * that the pipeline can be tried without beamtime. Absorption contrast by default; with a propagation distance,
 * phase contrast of soft tissue (δ, β of water scaled with energy) through Fresnel propagation.
 */
public final class ScanSimulator {

    /** Refractive index of soft tissue (water) at 20 keV; δ scales as E⁻², β roughly as E⁻⁴ in this range. */
    public static final double DELTA_20KEV = 5.76e-7;
    public static final double BETA_20KEV = 3.46e-10;

    /** @param cells how many cells the phantom holds (60 by default; correlative work wants tissue as crowded as real) */
    public record Settings(int size, int angles, double energyKev, double pixelUm, Double distanceM, double muPerVoxel,
            int photons, int flats, int darks, long seed, long noiseSeed, int cells) {

        public Settings(int size, int angles, double energyKev, double pixelUm, Double distanceM, double muPerVoxel,
                int photons, int flats, int darks, long seed, long noiseSeed) {
            this(size, angles, energyKev, pixelUm, distanceM, muPerVoxel, photons, flats, darks, seed, noiseSeed, 60);
        }
    }

    public static double delta(double energyKev) {
        return DELTA_20KEV * Math.pow(20 / energyKev, 2);
    }

    public static double beta(double energyKev) {
        return BETA_20KEV * Math.pow(20 / energyKev, 4);
    }

    public static void write(Settings s, Path output) {
        int n = s.size();
        TissuePhantom phantom = TissuePhantom.biopsy(n, s.seed(), s.cells());
        ParallelGeometry geometry = ParallelGeometry.halfCircle(s.angles(), n);
        // line integrals of relative density, in voxels: [row][angle][column]
        float[][] sinograms = new float[n][];
        IntStream.range(0, n).parallel().forEach(row -> {
            SlicePhantom slice = phantom.slice(row);
            sinograms[row] = slice.sinogram(geometry);
        });
        Random random = new Random(s.noiseSeed());
        short[][][] data = new short[s.angles()][n][n];
        Beam beam = s.distanceM() == null ? null : new Beam(s.energyKev(), s.distanceM(), s.pixelUm() * 1e-6);
        for (int a = 0; a < s.angles(); a++) {
            float[] transmission = new float[n * n];
            if (beam == null) {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        transmission[r * n + c] = (float) Math.exp(-s.muPerVoxel() * sinograms[r][a * n + c]);
                    }
                }
            } else {
                double[] thicknessM = new double[n * n];
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        thicknessM[r * n + c] = sinograms[r][a * n + c] * s.pixelUm() * 1e-6;
                    }
                }
                transmission = FresnelPropagator.intensity(thicknessM, n, n, delta(s.energyKev()), beta(s.energyKev()),
                        beam);
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    data[a][r][c] = counts(s.photons() * gain(r, c, n) * transmission[r * n + c] + darkLevel(r, c),
                            random);
                }
            }
        }
        short[][][] flats = new short[s.flats()][n][n];
        for (short[][] frame : flats) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    frame[r][c] = counts(s.photons() * gain(r, c, n) + darkLevel(r, c), random);
                }
            }
        }
        short[][][] darks = new short[s.darks()][n][n];
        for (short[][] frame : darks) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    frame[r][c] = counts(darkLevel(r, c), random);
                }
            }
        }
        float[] theta = new float[s.angles()];
        for (int a = 0; a < s.angles(); a++) {
            theta[a] = (float) Math.toDegrees(geometry.anglesRad()[a]);
        }
        try (WritableHdfFile file = HdfFile.write(output)) {
            WritableGroup exchange = file.putGroup("exchange");
            exchange.putDataset("data", data);
            exchange.putDataset("data_white", flats);
            exchange.putDataset("data_dark", darks);
            exchange.putDataset("theta", theta);
            WritableGroup measurement = file.putGroup("measurement");
            measurement.putDataset("energy_kev", new double[] {s.energyKev()});
            measurement.putDataset("pixel_size_um", new double[] {s.pixelUm()});
            measurement.putDataset("distance_m", new double[] {s.distanceM() == null ? 0 : s.distanceM()});
        }
    }

    /** A smooth detector gain pattern: flat-field correction has something real to correct. */
    private static double gain(int r, int c, int n) {
        return 0.9 + 0.1 * Math.cos(2.0 * r / n) * Math.sin(1.0 + 3.0 * c / n);
    }

    private static double darkLevel(int r, int c) {
        return 100 + ((r * 31 + c * 17) % 7);
    }

    /** Poisson counts (Gaussian approximation, exact enough above a few tens of photons), clipped to 16 bits. */
    private static short counts(double mean, Random random) {
        double v = mean + Math.sqrt(Math.max(mean, 0)) * random.nextGaussian();
        return (short) Math.max(0, Math.min(32767, Math.round(v)));
    }
}
