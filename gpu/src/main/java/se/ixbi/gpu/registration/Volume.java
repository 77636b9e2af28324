package se.ixbi.gpu.registration;

import java.util.Arrays;

/**
 * A float volume placed in physical space: voxel (k, j, i) — z, y, x — lies at {@code origin + index · spacing}
 * micrometres, as an OME-Zarr level with a {@code scale} and a {@code translation} does. Registration works on
 * these positions, never on indices, so that images with different voxel sizes (nanometre vEM, micrometre X-ray)
 * meet in one frame.
 */
public record Volume(int depth, int height, int width, double[] spacing, double[] origin, float[] values) {

    public Volume {
        if (values.length != (long) depth * height * width) {
            throw new IllegalArgumentException("expected " + (long) depth * height * width + " values, got "
                    + values.length);
        }
        if (spacing.length != 3 || origin.length != 3) {
            throw new IllegalArgumentException("spacing and origin need three axes (z, y, x)");
        }
        for (double s : spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("voxel spacing must be positive, got " + Arrays.toString(spacing));
            }
        }
        spacing = spacing.clone();
        origin = origin.clone();
    }

    public static Volume of(int depth, int height, int width, double spacingUm, float[] values) {
        return new Volume(depth, height, width, new double[] {spacingUm, spacingUm, spacingUm}, new double[3],
                values);
    }

    public float at(int z, int y, int x) {
        return values[(z * height + y) * width + x];
    }

    public int[] shape() {
        return new int[] {depth, height, width};
    }

    public int size(int axis) {
        return axis == 0 ? depth : axis == 1 ? height : width;
    }

    /** Physical extent of one axis from the first voxel centre to the last. */
    public double extent(int axis) {
        return (size(axis) - 1) * spacing[axis];
    }

    /** The physical position of the volume's centre. */
    public double[] centre() {
        double[] c = new double[3];
        for (int a = 0; a < 3; a++) {
            c[a] = origin[a] + extent(a) / 2;
        }
        return c;
    }

    /** Intensity-weighted centre of mass (after subtracting the minimum, so that a dark background weighs nothing). */
    public double[] centreOfMass() {
        float min = Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
        }
        double sum = 0;
        double[] c = new double[3];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < height; y++) {
                int row = (z * height + y) * width;
                for (int x = 0; x < width; x++) {
                    double w = values[row + x] - min;
                    sum += w;
                    c[0] += w * z;
                    c[1] += w * y;
                    c[2] += w * x;
                }
            }
        }
        if (sum == 0) {
            return centre();
        }
        for (int a = 0; a < 3; a++) {
            c[a] = origin[a] + spacing[a] * c[a] / sum;
        }
        return c;
    }

    /** The part from voxel {@code from} of {@code shape} voxels, in the same physical place. */
    public Volume crop(int[] from, int[] shape) {
        for (int a = 0; a < 3; a++) {
            if (from[a] < 0 || shape[a] < 1 || from[a] + shape[a] > size(a)) {
                throw new IllegalArgumentException("crop " + Arrays.toString(from) + " + " + Arrays.toString(shape)
                        + " leaves the volume " + Arrays.toString(shape()));
            }
        }
        float[] out = new float[shape[0] * shape[1] * shape[2]];
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                System.arraycopy(values, ((z + from[0]) * height + y + from[1]) * width + from[2], out,
                        (z * shape[1] + y) * shape[2], shape[2]);
            }
        }
        double[] o = {origin[0] + from[0] * spacing[0], origin[1] + from[1] * spacing[1],
            origin[2] + from[2] * spacing[2]};
        return new Volume(shape[0], shape[1], shape[2], spacing, o, out);
    }

    /**
     * Averages blocks of {@code fz × fy × fx} voxels: the new voxel covers the block, and its centre lies at the
     * block's centre, so physical positions are kept.
     */
    public Volume blockAverage(int fz, int fy, int fx) {
        if (fz == 1 && fy == 1 && fx == 1) {
            return this;
        }
        int d = Math.max(1, depth / fz);
        int h = Math.max(1, height / fy);
        int w = Math.max(1, width / fx);
        float[] out = new float[d * h * w];
        float norm = 1f / (fz * fy * fx);
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int dz = 0; dz < fz; dz++) {
                        int zz = Math.min(z * fz + dz, depth - 1);
                        for (int dy = 0; dy < fy; dy++) {
                            int row = (zz * height + Math.min(y * fy + dy, height - 1)) * width;
                            for (int dx = 0; dx < fx; dx++) {
                                s += values[row + Math.min(x * fx + dx, width - 1)];
                            }
                        }
                    }
                    out[(z * h + y) * w + x] = (float) (s * norm);
                }
            }
        }
        double[] sp = {spacing[0] * fz, spacing[1] * fy, spacing[2] * fx};
        double[] or = {origin[0] + spacing[0] * (fz - 1) / 2.0, origin[1] + spacing[1] * (fy - 1) / 2.0,
                origin[2] + spacing[2] * (fx - 1) / 2.0};
        return new Volume(d, h, w, sp, or, out);
    }

    /** Averages down so that no axis has a finer spacing than {@code targetUm} (whole factors only). */
    public Volume coarsenedTo(double targetUm) {
        int[] f = new int[3];
        for (int a = 0; a < 3; a++) {
            f[a] = Math.max(1, Math.min(size(a), (int) Math.floor(targetUm / spacing[a] + 1e-9)));
        }
        return blockAverage(f[0], f[1], f[2]);
    }
}
