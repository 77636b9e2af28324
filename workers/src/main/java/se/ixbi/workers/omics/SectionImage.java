package se.ixbi.workers.omics;

import se.ixbi.gpu.registration.Volume;

/**
 * The image a spatial-omics section is registered by: each cell's total counts spread over a Gaussian spot at its
 * position (as wide as the spacing between cells), on a grid of {@code pixelUm} covering the cells and a margin —
 * counts per area: tissue where cells are, brighter where they crowd or are busy, dark on the bare slide and in
 * vessel lumens — like the total-signal image the instruments record.
 */
final class SectionImage {

    private SectionImage() {
    }

    public static Volume render(CellTable raw, double pixelUm, double marginUm) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < raw.cells(); i++) {
            minX = Math.min(minX, raw.x()[i]);
            minY = Math.min(minY, raw.y()[i]);
            maxX = Math.max(maxX, raw.x()[i]);
            maxY = Math.max(maxY, raw.y()[i]);
        }
        double originX = minX - marginUm;
        double originY = minY - marginUm;
        int w = (int) Math.ceil((maxX - minX + 2 * marginUm) / pixelUm) + 1;
        int h = (int) Math.ceil((maxY - minY + 2 * marginUm) / pixelUm) + 1;
        if ((long) w * h > 64L << 20) {
            throw new IllegalArgumentException("a section image of " + w + " × " + h + " pixels of " + pixelUm
                    + " µm is too large; choose larger pixels");
        }
        float[] image = new float[w * h];
        // a density estimate: spots about as wide as the spacing between cells, so that tissue reads as tissue
        // and not as a field of dots
        double spacing = Math.sqrt((maxX - minX) * (maxY - minY) / Math.max(1, raw.cells()));
        double sigma = Math.max(pixelUm, 1.5 * spacing);
        int r = (int) Math.ceil(3 * sigma / pixelUm);
        double norm = pixelUm * pixelUm / (2 * Math.PI * sigma * sigma);
        for (int i = 0; i < raw.cells(); i++) {
            double total = 0;
            for (float v : raw.values()[i]) {
                total += v;
            }
            double cx = (raw.x()[i] - originX) / pixelUm;
            double cy = (raw.y()[i] - originY) / pixelUm;
            int x0 = (int) Math.round(cx);
            int y0 = (int) Math.round(cy);
            for (int y = Math.max(0, y0 - r); y <= Math.min(h - 1, y0 + r); y++) {
                for (int x = Math.max(0, x0 - r); x <= Math.min(w - 1, x0 + r); x++) {
                    double dx = (x - cx) * pixelUm;
                    double dy = (y - cy) * pixelUm;
                    image[y * w + x] += (float) (norm * total * Math.exp(-0.5 * (dx * dx + dy * dy) / (sigma * sigma)));
                }
            }
        }
        // image rows run along y, columns along x; the section's own z is its plane
        return new Volume(1, h, w, new double[] {pixelUm, pixelUm, pixelUm}, new double[] {0, originY, originX},
                image);
    }
}
