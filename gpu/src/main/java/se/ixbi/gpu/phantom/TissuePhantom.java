package se.ixbi.gpu.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A biopsy-like volume: a tissue core with denser lesions, vessels along the core and scattered cells, built from
 * ellipsoids whose slices are ellipses, so that every detector row of a parallel-beam scan has an exact sinogram.
 * Values are relative densities (tissue = 1): multiplied by a material's δ and β they give the refractive index
 * decrement and absorption index of each voxel.
 */
public final class TissuePhantom {

    private final int size;
    private final List<Ellipsoid> parts;

    private TissuePhantom(int size, List<Ellipsoid> parts) {
        this.size = size;
        this.parts = List.copyOf(parts);
    }

    /** A phantom for an {@code n³} grid; {@code seed} places vessels and 60 cells. */
    public static TissuePhantom biopsy(int n, long seed) {
        return biopsy(n, seed, 60);
    }

    /**
     * With {@code cells} cells: correlative tests want tissue as crowded as real tissue, so that any plane through it
     * is told apart from its neighbours by what it cuts.
     */
    public static TissuePhantom biopsy(int n, long seed, int cells) {
        double r = 0.40 * n;
        List<Ellipsoid> p = new ArrayList<>();
        p.add(new Ellipsoid(0, 0, 0, r, 0.8 * r, 0.46 * n, 0.2, 1.0));
        p.add(new Ellipsoid(0.30 * r, -0.1 * n, 0.10 * r, 0.22 * r, 0.14 * r, 0.15 * n, 0.6, 0.5));
        p.add(new Ellipsoid(-0.35 * r, 0.12 * n, -0.20 * r, 0.12 * r, 0.12 * r, 0.10 * n, 0, 0.8));
        Random random = new Random(seed);
        for (int i = 0; i < 5; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double dist = random.nextDouble() * 0.55 * r;
            double radius = (0.02 + 0.03 * random.nextDouble()) * r;
            p.add(new Ellipsoid(dist * Math.cos(angle), 0, 0.8 * dist * Math.sin(angle), radius, radius,
                    Double.POSITIVE_INFINITY, 0, -0.6));
        }
        for (int i = 0; i < cells; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double dist = random.nextDouble() * 0.6 * r;
            double radius = Math.max(1.0, (0.01 + 0.012 * random.nextDouble()) * r);
            p.add(new Ellipsoid(dist * Math.cos(angle), (random.nextDouble() - 0.5) * 0.8 * n,
                    0.8 * dist * Math.sin(angle), radius, 0.8 * radius, radius, random.nextDouble() * Math.PI, 0.4));
        }
        return new TissuePhantom(n, p);
    }

    public int size() {
        return size;
    }

    /** The slice at detector row {@code row} (0 at the top of an {@code n}-row detector). */
    public SlicePhantom slice(int row) {
        double y = row - (size - 1) / 2.0;
        List<Ellipse> ellipses = new ArrayList<>();
        for (Ellipsoid e : parts) {
            Ellipse cut = e.sliceAt(y);
            if (cut != null) {
                ellipses.add(cut);
            }
        }
        return new SlicePhantom(ellipses);
    }

    /**
     * The relative density at a point given in voxels from the volume centre, in volume order: {@code row} along the
     * rotation axis (the volume's z, a detector row), then the slice's y and x.
     */
    public double densityAt(double row, double y, double x) {
        double sum = 0;
        for (Ellipsoid e : parts) {
            if (e.contains(x, row, y)) {
                sum += e.value();
            }
        }
        return sum;
    }

    /** The same phantom restricted to the parts that reach into a box (voxels from the centre; row, y, x). */
    public TissuePhantom within(double[] low, double[] high) {
        List<Ellipsoid> kept = new ArrayList<>();
        for (Ellipsoid e : parts) {
            double[] h = e.halfExtent();
            boolean apart = e.cy() + h[1] < low[0] || e.cy() - h[1] > high[0]
                    || e.cz() + h[2] < low[1] || e.cz() - h[2] > high[1]
                    || e.cx() + h[0] < low[2] || e.cx() - h[0] > high[2];
            if (!apart) {
                kept.add(e);
            }
        }
        return new TissuePhantom(size, kept);
    }

    /** Where the first lesion lies (voxels from the centre; row, y, x) and its in-slice semi-axis: a place with detail. */
    public double[] lesion() {
        Ellipsoid e = parts.get(1);
        return new double[] {e.cy(), e.cz(), e.cx(), e.a()};
    }

    /** Whether a box (voxels from the centre; row, y, x) keeps clear of both lesions' bounding boxes. */
    public boolean clearOfLesions(double[] low, double[] high) {
        for (Ellipsoid e : parts.subList(1, 3)) {
            double[] h = e.halfExtent();
            boolean apart = e.cy() + h[1] < low[0] || e.cy() - h[1] > high[0]
                    || e.cz() + h[2] < low[1] || e.cz() - h[2] > high[1]
                    || e.cx() + h[0] < low[2] || e.cx() - h[0] > high[2];
            if (!apart) {
                return false;
            }
        }
        return true;
    }

    /** Both lesions' centres (voxels from the centre; row, y, x): where an ROI proposal should point. */
    public List<double[]> lesionCentres() {
        List<double[]> out = new ArrayList<>();
        for (Ellipsoid e : parts.subList(1, 3)) {
            out.add(new double[] {e.cy(), e.cz(), e.cx()});
        }
        return out;
    }

    /** Tissue regions a cell can sit in, the ground truth of niche finding. */
    public enum Region {
        /** no tissue: the slide or the mount around the core */
        OUTSIDE,
        /** a vessel's lumen: no cells */
        LUMEN,
        /** ordinary tissue */
        STROMA,
        /** within a vessel's radius of its wall */
        PERIVASCULAR,
        /** inside one of the two lesions */
        LESION
    }

    /** The region at a point given in voxels from the centre (row, y, x). */
    public Region regionAt(double row, double y, double x) {
        if (!parts.get(0).contains(x, row, y)) {
            return Region.OUTSIDE;
        }
        if (parts.get(1).contains(x, row, y) || parts.get(2).contains(x, row, y)) {
            return Region.LESION;
        }
        for (Ellipsoid e : parts.subList(3, Math.min(parts.size(), 8))) {
            if (e.contains(x, row, y)) {
                return Region.LUMEN;
            }
            Ellipsoid wall = new Ellipsoid(e.cx(), e.cy(), e.cz(), 2 * e.a(), 2 * e.b(), e.c(), e.phiRad(), 0);
            if (wall.contains(x, row, y)) {
                return Region.PERIVASCULAR;
            }
        }
        return Region.STROMA;
    }
}
