package se.ixbi.workers.pictures;

/**
 * Grey for the X-ray volume, and one colour per overlaid modality from Okabe and Ito's palette (reddish purple for
 * vEM, bluish green for omics), told apart with the common colour-vision deficiencies.
 */
final class Colours {

    static final int OUTSIDE = 0x282828;
    static final int VEM = 0xCC79A7;
    static final int OMICS = 0x009E73;
    private static final double OVERLAY_OPACITY = 0.6;

    private Colours() {
    }

    static int grey(double level) {
        int g = (int) Math.round(255 * level);
        return g << 16 | g << 8 | g;
    }

    /** {@code colour} at brightness {@code level} (0..1) laid over a grey {@code under} at 60 % opacity. */
    static int over(int under, int colour, double level) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double below = under >> shift & 0xFF;
            double above = (colour >> shift & 0xFF) * (0.25 + 0.75 * level);
            int mixed = (int) Math.round((1 - OVERLAY_OPACITY) * below + OVERLAY_OPACITY * above);
            rgb |= Math.min(255, mixed) << shift;
        }
        return rgb;
    }
}
