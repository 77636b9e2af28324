package se.ixbi.gpu.phantom;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.GaussianBlur;
import se.ixbi.gpu.registration.Volume;

/**
 * Images of one {@link TissuePhantom} as the IXBI modalities see it, each in its own physical frame and with a known
 * transform between them: the ground truth for registration tests and benchmarks. The X-ray volume covers the whole
 * phantom in micrometre voxels; a vEM block covers a small field at voxels 10–20× finer, with texture the X-ray
 * cannot resolve and inverted contrast (heavy-metal stain makes dense tissue dark in backscatter), each image
 * blurred by the beam's spot before noise, so that sub-pixel positions are well defined as in a real micrograph.
 */
public final class CorrelativeSet {

    private static final long TEXTURE_SEED = 0x5EEDL;

    private final TissuePhantom phantom;
    private final double xrayVoxelUm;

    public CorrelativeSet(TissuePhantom phantom, double xrayVoxelUm) {
        this.phantom = phantom;
        this.xrayVoxelUm = xrayVoxelUm;
    }

    public TissuePhantom phantom() {
        return phantom;
    }

    public double xrayVoxelUm() {
        return xrayVoxelUm;
    }

    /** The X-ray volume ({@code n³}, origin 0): the density averaged over 2×2×2 sub-voxels, plus Gaussian noise. */
    public Volume xray(double noiseSd, long seed) {
        int n = phantom.size();
        float[] v = new float[n * n * n];
        double half = (n - 1) / 2.0;
        IntStream.range(0, n).parallel().forEach(z -> {
            Random random = new Random(seed * 7919 + z);
            // only the parts that reach this slice are tested voxel by voxel
            TissuePhantom near = phantom.within(new double[] {z - half - 1, -half - 1, -half - 1},
                    new double[] {z - half + 1, half + 1, half + 1});
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double sum = 0;
                    for (int s = 0; s < 8; s++) {
                        sum += near.densityAt(z - half + ((s & 1) - 0.5) / 2, y - half + (((s >> 1) & 1) - 0.5) / 2,
                                x - half + (((s >> 2) & 1) - 0.5) / 2);
                    }
                    v[(z * n + y) * n + x] = (float) (sum / 8 + noiseSd * random.nextGaussian());
                }
            }
        });
        return Volume.of(n, n, n, xrayVoxelUm, v);
    }

    /**
     * A vEM block of {@code shape} voxels of {@code xrayVoxelUm / factor}, origin 0 in its own frame, whose points
     * lie at {@code vemToXray(p)} in the X-ray volume's physical frame.
     */
    public Volume vem(int[] shape, int factor, AffineTransform vemToXray, double noiseSd, long seed) {
        double voxel = xrayVoxelUm / factor;
        int d = shape[0];
        int h = shape[1];
        int w = shape[2];
        double half = (phantom.size() - 1) / 2.0;
        // only the phantom parts near the block are tested voxel by voxel
        double[] low = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] high = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int c = 0; c < 8; c++) {
            double[] q = vemToXray.apply(new double[] {(c & 1) * (d - 1) * voxel, ((c >> 1) & 1) * (h - 1) * voxel,
                ((c >> 2) & 1) * (w - 1) * voxel});
            for (int a = 0; a < 3; a++) {
                low[a] = Math.min(low[a], q[a] / xrayVoxelUm - half - 1);
                high[a] = Math.max(high[a], q[a] / xrayVoxelUm - half + 1);
            }
        }
        TissuePhantom near = phantom.within(low, high);
        Texture texture = new Texture(TEXTURE_SEED, 8.0);
        float[] v = new float[d * h * w];
        IntStream.range(0, d).parallel().forEach(z -> {
            Random random = new Random(seed * 104729 + z);
            double[] q = new double[3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    vemToXray.apply(z * voxel, y * voxel, x * voxel, q);
                    double density = near.densityAt(q[0] / xrayVoxelUm - half, q[1] / xrayVoxelUm - half,
                            q[2] / xrayVoxelUm - half);
                    // texture belongs to the tissue, not the block: another block of the same place shows the same
                    double stain = 1.0 - 0.5 * density + 0.12 * texture.at(q[0] / voxel, q[1] / voxel, q[2] / voxel);
                    v[(z * h + y) * w + x] = (float) stain;
                }
            }
            // the beam's spot (σ one pixel) blurs each image before the detector adds its noise
            float[] spot = GaussianBlur.image(Arrays.copyOfRange(v, z * h * w, (z + 1) * h * w), h, w, 1.0);
            System.arraycopy(spot, 0, v, z * h * w, h * w);
            for (int i = z * h * w; i < (z + 1) * h * w; i++) {
                v[i] += (float) (noiseSd * random.nextGaussian());
            }
        });
        return new Volume(d, h, w, new double[] {voxel, voxel, voxel}, new double[3], v);
    }

    /** An in-plane displacement of a section (µm, y then x) at a point of it (µm). */
    public interface SectionWarp {
        double[] at(double y, double x);

        SectionWarp NONE = (y, x) -> new double[2];
    }

    /**
     * A tissue section of {@code h × w} pixels of {@code pixelUm} as a spatial-omics total-signal (DAPI-like) image:
     * nuclei-dense lesions bright, vessel lumens dark, no tissue black. Its pixel p = (0, y, x)·pixelUm shows the
     * tissue at {@code sectionToXray(p + warp(p))} — a section cut at an oblique plane and stretched on its slide.
     */
    public Volume section(int h, int w, double pixelUm, AffineTransform sectionToXray, SectionWarp warp,
            double noiseSd, long seed) {
        double half = (phantom.size() - 1) / 2.0;
        Texture texture = new Texture(TEXTURE_SEED + 1, 3.0);
        float[] v = new float[h * w];
        IntStream.range(0, h).parallel().forEach(y -> {
            double[] q = new double[3];
            for (int x = 0; x < w; x++) {
                double[] u = warp.at(y * pixelUm, x * pixelUm);
                sectionToXray.apply(0, y * pixelUm + u[0], x * pixelUm + u[1], q);
                double density = phantom.densityAt(q[0] / xrayVoxelUm - half, q[1] / xrayVoxelUm - half,
                        q[2] / xrayVoxelUm - half);
                double signal = density <= 0.05 ? 0.02 : 0.1 + 0.5 * density * (1 + 0.15 * texture.at(0, y, x));
                v[y * w + x] = (float) signal;
            }
        });
        float[] blurred = GaussianBlur.image(v, h, w, 0.7);
        Random random = new Random(seed);
        for (int i = 0; i < blurred.length; i++) {
            blurred[i] += (float) (noiseSd * random.nextGaussian());
        }
        return new Volume(1, h, w, new double[] {pixelUm, pixelUm, pixelUm}, new double[3], blurred);
    }

    /**
     * Another X-ray-like view of the phantom: {@code shape} voxels of {@code voxelUm}, origin 0 in its own frame,
     * whose points lie at {@code toXray(p)} in the X-ray frame (density at voxel centres plus Gaussian noise).
     */
    public Volume xrayView(int[] shape, double voxelUm, AffineTransform toXray, double noiseSd, long seed) {
        int d = shape[0];
        int h = shape[1];
        int w = shape[2];
        double half = (phantom.size() - 1) / 2.0;
        float[] v = new float[d * h * w];
        IntStream.range(0, d).parallel().forEach(z -> {
            Random random = new Random(seed * 15485863L + z);
            double[] q = new double[3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    toXray.apply(z * voxelUm, y * voxelUm, x * voxelUm, q);
                    double density = phantom.densityAt(q[0] / xrayVoxelUm - half, q[1] / xrayVoxelUm - half,
                            q[2] / xrayVoxelUm - half);
                    v[(z * h + y) * w + x] = (float) (density + noiseSd * random.nextGaussian());
                }
            }
        });
        return new Volume(d, h, w, new double[] {voxelUm, voxelUm, voxelUm}, new double[3], v);
    }

    /** Lattice value noise in [−1, 1], smooth over {@code scale} voxels: membranes and organelles below X-ray size. */
    private static final class Texture {
        private final long seed;
        private final double scale;

        Texture(long seed, double scale) {
            this.seed = seed;
            this.scale = scale;
        }

        double at(double z, double y, double x) {
            double fz = z / scale;
            double fy = y / scale;
            double fx = x / scale;
            int z0 = (int) Math.floor(fz);
            int y0 = (int) Math.floor(fy);
            int x0 = (int) Math.floor(fx);
            double tz = fz - z0;
            double ty = fy - y0;
            double tx = fx - x0;
            double sum = 0;
            for (int c = 0; c < 8; c++) {
                int dz = c & 1;
                int dy = (c >> 1) & 1;
                int dx = (c >> 2) & 1;
                double weight = (dz == 1 ? tz : 1 - tz) * (dy == 1 ? ty : 1 - ty) * (dx == 1 ? tx : 1 - tx);
                sum += weight * lattice(z0 + dz, y0 + dy, x0 + dx);
            }
            return sum;
        }

        private double lattice(int z, int y, int x) {
            long h = seed ^ (z * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (x * 0x165667B19E3779F9L);
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
        }
    }
}
