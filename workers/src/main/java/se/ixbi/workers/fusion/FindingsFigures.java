package se.ixbi.workers.fusion;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import se.ixbi.gpu.registration.Volume;

/**
 * The findings' figures as PNG, drawn with Java2D (headless): cells on the section coloured by a label, the same
 * cells over the X-ray volume resampled along the section's registered plane, and each niche's mix of cell types.
 * Colours are Okabe and Ito's, distinguishable with the common colour-vision deficiencies.
 */
final class FindingsFigures {

    static final Color[] PALETTE = {new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
        new Color(0xF0E442), new Color(0x0072B2), new Color(0xD55E00), new Color(0xCC79A7), new Color(0x000000),
        new Color(0x999999), new Color(0x882255), new Color(0x44AA99), new Color(0x332288)};
    private static final int PLOT = 640;
    private static final int LEGEND = 300;
    private static final int MARGIN = 40;

    private FindingsFigures() {
    }

    static Color colour(int label) {
        return PALETTE[label % PALETTE.length];
    }

    /** Cells at their section positions (µm), coloured by {@code labels}, with a legend of {@code names}. */
    static void cellMap(double[] y, double[] x, int[] labels, List<String> names, String title, Path png)
            throws IOException {
        Frame f = Frame.of(y, x);
        BufferedImage image = canvas(title);
        Graphics2D g = graphics(image);
        g.setColor(new Color(0xF4F4F4));
        g.fillRect(MARGIN, MARGIN, PLOT, PLOT);
        dots(g, f, y, x, labels, 1);
        scaleBar(g, f, Color.DARK_GRAY);
        legend(g, names);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /**
     * The X-ray volume along the section's plane (each pixel the X-ray voxel nearest to where the section point lies)
     * in grey, the cells on it coloured by {@code labels}: omics and X-ray in one frame.
     */
    static void onXray(double[] y, double[] x, int[] labels, List<String> names, SectionPlacement placement,
            Volume xray, String title, Path png) throws IOException {
        Frame f = Frame.of(y, x);
        BufferedImage image = canvas(title);
        float[] grey = new float[PLOT * PLOT];
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (int r = 0; r < PLOT; r++) {
            for (int c = 0; c < PLOT; c++) {
                double[] p = placement.toXray(f.y(r), f.x(c));
                float v = Float.NaN;
                int iz = (int) Math.round((p[0] - xray.origin()[0]) / xray.spacing()[0]);
                int iy = (int) Math.round((p[1] - xray.origin()[1]) / xray.spacing()[1]);
                int ix = (int) Math.round((p[2] - xray.origin()[2]) / xray.spacing()[2]);
                if (iz >= 0 && iy >= 0 && ix >= 0 && iz < xray.depth() && iy < xray.height() && ix < xray.width()) {
                    v = xray.at(iz, iy, ix);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                grey[r * PLOT + c] = v;
            }
        }
        for (int r = 0; r < PLOT; r++) {
            for (int c = 0; c < PLOT; c++) {
                float v = grey[r * PLOT + c];
                int level = Float.isNaN(v) || hi <= lo ? 40 : (int) Math.round(255 * (v - lo) / (hi - lo));
                image.setRGB(MARGIN + c, MARGIN + r, new Color(level, level, level).getRGB());
            }
        }
        Graphics2D g = graphics(image);
        dots(g, f, y, x, labels, 1);
        scaleBar(g, f, Color.WHITE);
        legend(g, names);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** One bar per niche, split by the share of each cell type in it. */
    static void composition(double[][] composition, List<String> niches, List<String> types, String title, Path png)
            throws IOException {
        BufferedImage image = canvas(title);
        Graphics2D g = graphics(image);
        int bars = composition.length;
        int width = Math.min(90, (PLOT - 20) / Math.max(1, bars) - 20);
        for (int n = 0; n < bars; n++) {
            int left = MARGIN + 20 + n * (width + 20);
            double bottom = MARGIN + PLOT - 40;
            for (int t = 0; t < composition[n].length; t++) {
                double h = composition[n][t] * (PLOT - 80);
                g.setColor(colour(t));
                g.fill(new java.awt.geom.Rectangle2D.Double(left, bottom - h, width, h));
                bottom -= h;
            }
            g.setColor(Color.BLACK);
            g.drawString(niches.get(n), left, MARGIN + PLOT - 20);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("100 %", MARGIN - 30, MARGIN + 45);
        legend(g, types);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static BufferedImage canvas(String title) {
        BufferedImage image = new BufferedImage(MARGIN * 2 + PLOT + LEGEND, MARGIN * 2 + PLOT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, MARGIN, 26);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    private static void dots(Graphics2D g, Frame f, double[] y, double[] x, int[] labels, float alpha) {
        double r = Math.max(2, Math.min(5, 0.35 * f.pixelsPerUm() * f.cellSpacingUm()));
        for (int i = 0; i < y.length; i++) {
            Color c = colour(labels[i]);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255)));
            g.fill(new java.awt.geom.Ellipse2D.Double(MARGIN + f.column(x[i]) - r, MARGIN + f.row(y[i]) - r, 2 * r,
                    2 * r));
        }
    }

    private static void scaleBar(Graphics2D g, Frame f, Color colour) {
        double um = niceLength(0.2 * PLOT / f.pixelsPerUm());
        int length = (int) Math.round(um * f.pixelsPerUm());
        g.setColor(colour);
        g.setStroke(new BasicStroke(3));
        int y = MARGIN + PLOT - 14;
        g.drawLine(MARGIN + 12, y, MARGIN + 12 + length, y);
        g.drawString((um >= 1 ? String.valueOf((long) um) : String.valueOf(um)) + " µm", MARGIN + 12, y - 6);
    }

    private static double niceLength(double um) {
        double p = Math.pow(10, Math.floor(Math.log10(um)));
        return um >= 5 * p ? 5 * p : um >= 2 * p ? 2 * p : p;
    }

    private static void legend(Graphics2D g, List<String> names) {
        int left = MARGIN + PLOT + 20;
        for (int i = 0; i < names.size(); i++) {
            int top = MARGIN + 10 + i * 24;
            g.setColor(colour(i));
            g.fillRect(left, top, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), left + 22, top + 12);
        }
    }

    /** Section µm to plot pixels: the cells' bounding square, with a margin, fills the plot. */
    private record Frame(double top, double left, double pixelsPerUm, double cellSpacingUm) {

        static Frame of(double[] y, double[] x) {
            double minY = Double.MAX_VALUE;
            double minX = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            for (int i = 0; i < y.length; i++) {
                minY = Math.min(minY, y[i]);
                minX = Math.min(minX, x[i]);
                maxY = Math.max(maxY, y[i]);
                maxX = Math.max(maxX, x[i]);
            }
            double side = Math.max(1e-6, Math.max(maxY - minY, maxX - minX)) * 1.06;
            double top = (minY + maxY) / 2 - side / 2;
            double left = (minX + maxX) / 2 - side / 2;
            double spacing = Math.sqrt(Math.max(1e-12, (maxY - minY) * (maxX - minX)) / Math.max(1, y.length));
            return new Frame(top, left, PLOT / side, spacing);
        }

        double row(double y) {
            return (y - top) * pixelsPerUm;
        }

        double column(double x) {
            return (x - left) * pixelsPerUm;
        }

        double y(int row) {
            return top + (row + 0.5) / pixelsPerUm;
        }

        double x(int column) {
            return left + (column + 0.5) / pixelsPerUm;
        }
    }
}
