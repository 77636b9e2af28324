package se.ixbi.gpu.registration;

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

    static Template of(MovingImage fixed, double[] rotation, double[] centre, double[] spacing) {
        Volume f = fixed.volume();
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
        int[] shape = new int[3];
        for (int a = 0; a < 3; a++) {
            shape[a] = (int) Math.floor((high[a] - low[a]) / spacing[a] + 1e-9) + 1;
        }
        long size = (long) shape[0] * shape[1] * shape[2];
        if (size > 64L * 1024 * 1024) {
            return null;
        }
        float[] values = new float[(int) size];
        boolean[] mask = new boolean[(int) size];
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
}
