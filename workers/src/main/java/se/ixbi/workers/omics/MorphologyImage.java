package se.ixbi.workers.omics;

import se.ixbi.gpu.registration.Volume;

/**
 * The instrument's image of the section (DAPI, or H&amp;E in grey) that came with the cells: {@code height × width}
 * pixels of {@code pixelUm}, pixel (0, 0) centred at the cells' (0, 0) µm — the frame of {@code obsm/spatial}.
 * Registration places the section by it: the tissue itself, rather than an image drawn from cell counts.
 */
public record MorphologyImage(String source, int height, int width, double pixelUm, float[] values) {

    public MorphologyImage {
        if (values.length != (long) height * width) {
            throw new IllegalArgumentException("an image of " + height + " × " + width + " pixels needs as many values,"
                    + " not " + values.length);
        }
        if (!(pixelUm > 0) || !Double.isFinite(pixelUm)) {
            throw new IllegalArgumentException("the image's pixel size must be a positive number of µm, not "
                    + pixelUm);
        }
    }

    /** As the one-plane volume registration takes: rows along y, columns along x, the plane at z = 0. */
    public Volume asSection() {
        return new Volume(1, height, width, new double[] {pixelUm, pixelUm, pixelUm}, new double[3], values.clone());
    }
}
