package se.ixbi.gpu.phase;

/**
 * Places one or two images, centred, into a larger complex buffer as its real and imaginary parts, repeating the
 * edge pixels outwards: around a sample the beam is free, so the edge is the best guess of what lies beyond, and
 * Fourier filters then see no artificial step at the border.
 */
final class EdgePadding {

    private EdgePadding() {
    }

    /**
     * @param minus subtracted from every value (1 turns intensity into contrast); a missing second image is filled
     *              with {@code 1 − minus}, the free beam
     */
    static void fill(float[] buffer, int padRows, int padCols, int rows, int cols, float[] a, int aOffset, float[] b,
            int bOffset, float minus) {
        int pr = (padRows - rows) / 2;
        int pc = (padCols - cols) / 2;
        float freeBeam = 1f - minus;
        for (int i = 0; i < padRows; i++) {
            int si = Math.min(rows - 1, Math.max(0, i - pr));
            for (int j = 0; j < padCols; j++) {
                int sj = Math.min(cols - 1, Math.max(0, j - pc));
                int k = 2 * (i * padCols + j);
                buffer[k] = a[aOffset + si * cols + sj] - minus;
                buffer[k + 1] = b == null ? freeBeam : b[bOffset + si * cols + sj] - minus;
            }
        }
    }
}
