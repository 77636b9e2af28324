package se.ixbi.workers.pictures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;

/**
 * Registered data over the X-ray volume, in the volume's frame, as the registration placed it: the X-ray in grey,
 * the other modality in its colour where it lies. A reviewer sees at a glance whether edges continue across.
 */
public final class OverlayPictures {

    /** Where a point of a section (y, x µm in its own image) lies in the X-ray volume (z, y, x µm). */
    @FunctionalInterface
    public interface SectionPlacement {
        double[] toVolume(double y, double x);
    }

    private OverlayPictures() {
    }

    /**
     * Three orthogonal planes through the block's centre, each covering twice the block's extent in the volume so
     * that its surroundings show.
     */
    public static List<Picture> blockOnVolume(Volume xray, Volume block, AffineTransform blockToXray, String what) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] o = block.origin();
        for (int corner = 0; corner < 8; corner++) {
            double[] p = blockToXray.apply(new double[] {
                o[0] + ((corner & 1) == 0 ? 0 : block.extent(0)),
                o[1] + ((corner & 2) == 0 ? 0 : block.extent(1)),
                o[2] + ((corner & 4) == 0 ? 0 : block.extent(2))});
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p[a]);
                hi[a] = Math.max(hi[a], p[a]);
            }
        }
        double[] centre = blockToXray.apply(block.centre());
        double[] span = new double[3];
        for (int a = 0; a < 3; a++) {
            span[a] = Math.max(2 * (hi[a] - lo[a]), 8 * xray.spacing()[a]);
        }
        AffineTransform xrayToBlock = blockToXray.inverse();
        List<Picture> pictures = new ArrayList<>();
        String[][] planes = {{"xy", "XY", "z", "1", "2"}, {"xz", "XZ", "y", "0", "2"}, {"yz", "YZ", "x", "0", "1"}};
        for (int i = 0; i < planes.length; i++) {
            int down = Integer.parseInt(planes[i][3]);
            int right = Integer.parseInt(planes[i][4]);
            Plane plane = Plane.axisAligned(centre, down, span[down], right, span[right]);
            String caption = String.format(Locale.ROOT, "%s on the X-ray volume, %s plane through its centre (%s = %.0f"
                    + " µm)", what, planes[i][1], planes[i][2], centre[i]);
            pictures.add(overlay("vem-on-xray-" + planes[i][0], caption, plane, xray, Colours.VEM,
                    p -> {
                        double[] q = xrayToBlock.apply(p);
                        return Sampling.at(block, q[0], q[1], q[2]);
                    }, plane::at));
        }
        return pictures;
    }

    /** The X-ray volume resampled along the section's registered plane, the section's image over it. */
    public static Picture sectionOnVolume(Volume xray, Volume section, SectionPlacement placement, String what) {
        double[] c = section.centre();
        Plane own = Plane.axisAligned(c, 1, SlicePictures.extent(section, 1), 2, SlicePictures.extent(section, 2));
        return overlay("section-on-xray", what + " on the X-ray volume along the plane it was registered to", own,
                xray, Colours.OMICS, p -> Sampling.at(section, section.origin()[0], p[1], p[2]),
                (r, col) -> {
                    double[] p = own.at(r, col);
                    return placement.toVolume(p[1], p[2]);
                });
    }

    private interface Overlay {
        float at(double[] point);
    }

    private interface XrayPoint {
        double[] at(int row, int column);
    }

    /**
     * {@code plane}'s pixels: the X-ray at {@code xrayPoint}, the overlay sampled at the plane's own point, each in
     * its own grey window.
     */
    private static Picture overlay(String name, String caption, Plane plane, Volume xray, int colour, Overlay overlay,
            XrayPoint xrayPoint) {
        int n = plane.rows() * plane.columns();
        float[] grey = new float[n];
        float[] over = new float[n];
        for (int r = 0; r < plane.rows(); r++) {
            for (int col = 0; col < plane.columns(); col++) {
                double[] x = xrayPoint.at(r, col);
                grey[r * plane.columns() + col] = Sampling.at(xray, x[0], x[1], x[2]);
                over[r * plane.columns() + col] = overlay.at(plane.at(r, col));
            }
        }
        float[] greyWindow = Sampling.window(grey);
        float[] overWindow = Sampling.window(over);
        return new Picture(name, caption, PictureCanvas.draw(caption, plane, (r, col) -> {
            int i = r * plane.columns() + col;
            int under = Float.isFinite(grey[i]) ? Colours.grey(Sampling.level(grey[i], greyWindow)) : Colours.OUTSIDE;
            return Float.isFinite(over[i]) ? Colours.over(under, colour, Sampling.level(over[i], overWindow)) : under;
        }));
    }
}
