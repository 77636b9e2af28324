package se.ixbi.workers.pictures;

import java.util.List;
import java.util.Locale;

import se.ixbi.gpu.registration.Volume;

/**
 * Three orthogonal slices through the middle of a volume (XY, XZ, YZ), each in grey between the 1st and 99th
 * percentile of its values, in square physical pixels whatever the voxel spacing.
 */
public final class SlicePictures {

    private SlicePictures() {
    }

    public static List<Picture> of(Volume volume, String what) {
        double[] c = volume.centre();
        return List.of(
                slice(volume, "xy", String.format(Locale.ROOT, "%s, XY slice at z = %.0f µm", what, c[0]),
                        Plane.axisAligned(c, 1, extent(volume, 1), 2, extent(volume, 2))),
                slice(volume, "xz", String.format(Locale.ROOT, "%s, XZ slice at y = %.0f µm", what, c[1]),
                        Plane.axisAligned(c, 0, extent(volume, 0), 2, extent(volume, 2))),
                slice(volume, "yz", String.format(Locale.ROOT, "%s, YZ slice at x = %.0f µm", what, c[2]),
                        Plane.axisAligned(c, 0, extent(volume, 0), 1, extent(volume, 1))));
    }

    private static Picture slice(Volume volume, String name, String caption, Plane plane) {
        float[] values = new float[plane.rows() * plane.columns()];
        for (int r = 0; r < plane.rows(); r++) {
            for (int col = 0; col < plane.columns(); col++) {
                double[] p = plane.at(r, col);
                values[r * plane.columns() + col] = Sampling.at(volume, p[0], p[1], p[2]);
            }
        }
        float[] window = Sampling.window(values);
        return new Picture(name, caption, PictureCanvas.draw(caption, plane, (r, col) -> {
            float v = values[r * plane.columns() + col];
            return Float.isFinite(v) ? Colours.grey(Sampling.level(v, window)) : Colours.OUTSIDE;
        }));
    }

    /** The physical extent of an axis, at least one voxel, so that a single slice still makes a picture. */
    static double extent(Volume volume, int axis) {
        return Math.max(volume.extent(axis), volume.spacing()[axis]);
    }
}
