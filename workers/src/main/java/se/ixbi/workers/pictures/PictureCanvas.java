package se.ixbi.workers.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A picture's frame: its title above, the pixels, and a scale bar in micrometres, drawn with Java2D (headless). */
final class PictureCanvas {

    private static final int TITLE = 30;
    private static final int MARGIN = 8;
    private static final int MIN_WIDTH = 360;

    /** The colour of one pixel of the plane, as 0xRRGGBB. */
    interface Pixels {
        int rgb(int row, int column);
    }

    private PictureCanvas() {
    }

    static BufferedImage draw(String title, Plane plane, Pixels pixels) {
        int width = Math.max(MIN_WIDTH, plane.columns()) + 2 * MARGIN;
        BufferedImage image = new BufferedImage(width, TITLE + plane.rows() + MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        title(g, title, width - 2 * MARGIN);
        for (int r = 0; r < plane.rows(); r++) {
            for (int c = 0; c < plane.columns(); c++) {
                image.setRGB(MARGIN + c, TITLE + r, pixels.rgb(r, c));
            }
        }
        scaleBar(g, plane);
        g.dispose();
        return image;
    }

    /** The title on one line: smaller type where it is long, cut with an ellipsis where even that is too wide. */
    private static void title(Graphics2D g, String title, int width) {
        int size = 14;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        while (size > 10 && g.getFontMetrics().stringWidth(title) > width) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --size));
        }
        String shown = title;
        while (shown.length() > 1 && g.getFontMetrics().stringWidth(shown + "…") > width
                && g.getFontMetrics().stringWidth(shown) > width) {
            shown = shown.substring(0, shown.length() - 1);
        }
        g.drawString(shown.equals(title) ? title : shown + "…", MARGIN, 20);
    }

    /** A bar a fifth of the picture wide, rounded to 1, 2 or 5 × 10ⁿ µm, white on a dark outline. */
    private static void scaleBar(Graphics2D g, Plane plane) {
        double um = nice(0.2 * plane.columns() * plane.pixelUm());
        int length = (int) Math.round(um / plane.pixelUm());
        int y = TITLE + plane.rows() - 12;
        String label = (um >= 1 ? String.valueOf((long) um) : String.valueOf(um)) + " µm";
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setStroke(new BasicStroke(5));
        g.setColor(Color.BLACK);
        g.drawLine(MARGIN + 10, y, MARGIN + 10 + length, y);
        g.setStroke(new BasicStroke(3));
        g.setColor(Color.WHITE);
        g.drawLine(MARGIN + 10, y, MARGIN + 10 + length, y);
        g.setColor(Color.BLACK);
        g.drawString(label, MARGIN + 11, y - 7);
        g.setColor(Color.WHITE);
        g.drawString(label, MARGIN + 10, y - 8);
    }

    private static double nice(double um) {
        double p = Math.pow(10, Math.floor(Math.log10(um)));
        return um >= 5 * p ? 5 * p : um >= 2 * p ? 2 * p : p;
    }
}
