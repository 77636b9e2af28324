package se.ixbi.gpu.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import se.ixbi.gpu.reconstruction.ParallelGeometry;

/**
 * A tissue-like slice made of ellipses: a tissue core, denser lesions, vessels and cells. Values add up where
 * ellipses overlap. Both the image and its exact sinogram are available: the ground truth of reconstruction
 * tests.
 */
public final class SlicePhantom {

    private final List<Ellipse> ellipses;

    public SlicePhantom(List<Ellipse> ellipses) {
        this.ellipses = List.copyOf(ellipses);
    }

    /**
     * A biopsy-like slice for an {@code n × n} grid; {@code seed} places the vessels and cells.
     *
     * @param tissue attenuation of the tissue per pixel; lesions, vessels and cells are relative to it
     */
    public static SlicePhantom tissue(int n, double tissue, long seed) {
        double r = 0.42 * n;
        List<Ellipse> e = new ArrayList<>();
        e.add(new Ellipse(0, 0, r, 0.8 * r, 0.2, tissue));
        e.add(new Ellipse(0.30 * r, 0.10 * r, 0.22 * r, 0.14 * r, 0.6, 0.5 * tissue));
        e.add(new Ellipse(-0.35 * r, -0.20 * r, 0.12 * r, 0.12 * r, 0, 0.8 * tissue));
        Random random = new Random(seed);
        for (int i = 0; i < 6; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double dist = random.nextDouble() * 0.55 * r;
            double radius = (0.02 + 0.03 * random.nextDouble()) * r;
            e.add(new Ellipse(dist * Math.cos(angle), 0.8 * dist * Math.sin(angle), radius, radius, 0, -0.6 * tissue));
        }
        for (int i = 0; i < 25; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double dist = random.nextDouble() * 0.6 * r;
            double radius = Math.max(1.0, (0.008 + 0.01 * random.nextDouble()) * r);
            e.add(new Ellipse(dist * Math.cos(angle), 0.8 * dist * Math.sin(angle), radius, 0.8 * radius,
                    random.nextDouble() * Math.PI, 0.4 * tissue));
        }
        return new SlicePhantom(e);
    }

    /** The image sampled at pixel centres, 4 × 4 subsamples per pixel for the partial volume at edges. */
    public float[] image(int n) {
        float[] img = new float[n * n];
        double half = (n - 1) / 2.0;
        int ss = 4;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double sum = 0;
                for (int sy = 0; sy < ss; sy++) {
                    for (int sx = 0; sx < ss; sx++) {
                        double px = x - half + (sx + 0.5) / ss - 0.5;
                        double py = y - half + (sy + 0.5) / ss - 0.5;
                        for (Ellipse el : ellipses) {
                            if (el.contains(px, py)) {
                                sum += el.value();
                            }
                        }
                    }
                }
                img[y * n + x] = (float) (sum / (ss * ss));
            }
        }
        return img;
    }

    /** The exact sinogram ({@code angles × width}) for the geometry's angles and rotation axis. */
    public float[] sinogram(ParallelGeometry g) {
        float[] sino = new float[g.angles() * g.width()];
        for (int a = 0; a < g.angles(); a++) {
            double theta = g.anglesRad()[a];
            for (int u = 0; u < g.width(); u++) {
                double t = u - g.center();
                double sum = 0;
                for (Ellipse el : ellipses) {
                    sum += el.project(theta, t);
                }
                sino[a * g.width() + u] = (float) sum;
            }
        }
        return sino;
    }
}
