package se.ixbi.gpu.registration;

import se.ixbi.gpu.threshold.Otsu;

/**
 * The fixed image turned by a rotation about a centre and resampled on an axis-aligned grid with the moving image's
 * spacing, with a mask of the grid points that fall inside it: what {@link CorrelationSearch} slides over the moving
 * image. {@code low} is the physical position of grid point 0 before any translation.
 */
final class Template {

    final float[] values;
    final boolean[] mask;
    final int[] shape;
    final double[] low;

    private Template(float[] values, boolean[] mask, int[] shape, double[] low) {
        this.values = values;
        this.mask = mask;
        this.shape = shape;
        this.low = low;
    }

    /** The turned fixed image's bounding box: its low corner, then its size in voxels of {@code spacing}. */
    static double[][] box(Volume f, double[] rotation, double[] centre, double[] spacing) {
        double[] low = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] high = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            double[] p = new double[3];
            for (int a = 0; a < 3; a++) {
                p[a] = f.origin()[a] + (((corner >> a) & 1) == 0 ? 0 : f.extent(a)) - centre[a];
            }
            for (int a = 0; a < 3; a++) {
                double q = rotation[3 * a] * p[0] + rotation[3 * a + 1] * p[1] + rotation[3 * a + 2] * p[2]
                        + centre[a];
                low[a] = Math.min(low[a], q);
                high[a] = Math.max(high[a], q);
            }
        }
        double[] shape = new double[3];
        for (int a = 0; a < 3; a++) {
            shape[a] = Math.floor((high[a] - low[a]) / spacing[a] + 1e-9) + 1;
        }
        return new double[][] {low, shape};
    }

    static Template of(MovingImage fixed, double[] rotation, double[] centre, double[] spacing) {
        Volume f = fixed.volume();
        double[][] box = box(f, rotation, centre, spacing);
        double[] low = box[0];
        int[] shape = {(int) box[1][0], (int) box[1][1], (int) box[1][2]};
        long size = (long) shape[0] * shape[1] * shape[2];
        if (size > 64L * 1024 * 1024) {
            return null;
        }
        float[] values = new float[(int) size];
        boolean[] mask = new boolean[(int) size];
        if (f.depth() == 1) {
            splat(f, rotation, centre, spacing, low, shape, values, mask);
            return new Template(values, mask, shape, low);
        }
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    double qz = low[0] + z * spacing[0] - centre[0];
                    double qy = low[1] + y * spacing[1] - centre[1];
                    double qx = low[2] + x * spacing[2] - centre[2];
                    // the inverse rotation is the transpose
                    double pz = rotation[0] * qz + rotation[3] * qy + rotation[6] * qx + centre[0];
                    double py = rotation[1] * qz + rotation[4] * qy + rotation[7] * qx + centre[1];
                    double px = rotation[2] * qz + rotation[5] * qy + rotation[8] * qx + centre[2];
                    double v = fixed.value(pz, py, px);
                    int i = (z * shape[1] + y) * shape[2] + x;
                    if (!Double.isNaN(v)) {
                        values[i] = (float) v;
                        mask[i] = true;
                    }
                }
            }
        }
        return new Template(values, mask, shape, low);
    }

    /**
     * A section has no thickness to interpolate in: each of its pixels is placed, turned, in the nearest grid
     * voxel (averaging those that share one), which leaves a one-voxel-thick oblique sheet.
     */
    private static void splat(Volume f, double[] rotation, double[] centre, double[] spacing, double[] low,
            int[] shape, float[] values, boolean[] mask) {
        float[] sum = new float[values.length];
        int[] count = new int[values.length];
        // the bare slide around the tissue says nothing about the plane, and its edge against the tissue would
        // match the volume's silhouette in many poses: only tissue pixels enter the template
        double slide = Otsu.threshold(f.values());
        double[] o = f.origin();
        double[] s = f.spacing();
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                double pz = o[0] - centre[0];
                double py = o[1] + y * s[1] - centre[1];
                double px = o[2] + x * s[2] - centre[2];
                int[] g = new int[3];
                boolean inside = true;
                for (int a = 0; a < 3; a++) {
                    double q = rotation[3 * a] * pz + rotation[3 * a + 1] * py + rotation[3 * a + 2] * px + centre[a];
                    g[a] = (int) Math.round((q - low[a]) / spacing[a]);
                    inside &= g[a] >= 0 && g[a] < shape[a];
                }
                if (inside && f.values()[y * f.width() + x] > slide) {
                    int i = (g[0] * shape[1] + g[1]) * shape[2] + g[2];
                    sum[i] += f.values()[y * f.width() + x];
                    count[i]++;
                }
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (count[i] > 0) {
                values[i] = sum[i] / count[i];
                mask[i] = true;
            }
        }
    }
}
