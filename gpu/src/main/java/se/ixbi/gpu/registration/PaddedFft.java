package se.ixbi.gpu.registration;

import org.jtransforms.fft.FloatFFT_3D;

/**
 * A 3D complex FFT on a grid padded to sizes the FFT handles fast (powers of two, or three times one), with real
 * volumes placed at the grid's origin: what the correlation searches transform their images and templates with.
 */
final class PaddedFft {

    final int[] padded;
    final FloatFFT_3D fft;

    PaddedFft(int depth, int height, int width) {
        padded = new int[] {size(depth), size(height), size(width)};
        fft = new FloatFFT_3D(padded[0], padded[1], padded[2]);
    }

    /** Powers of two, or three times one, whichever is the smaller at least n. */
    static int size(int n) {
        if (n <= 1) {
            return 1;
        }
        int p = Integer.highestOneBit(n - 1) << 1;
        int three = 3 * (p / 4);
        return three >= n ? three : p;
    }

    int length() {
        return 2 * padded[0] * padded[1] * padded[2];
    }

    /** The forward transform of a real volume of {@code shape}. */
    float[] forward(float[] values, int[] shape) {
        float[] a = new float[length()];
        place(values, shape, a, 0);
        fft.complexForward(a);
        return a;
    }

    /** Copies a real volume into the real (part 0) or imaginary (part 1) slots of a padded complex array. */
    void place(float[] values, int[] shape, float[] into, int part) {
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    into[2 * ((z * padded[1] + y) * padded[2] + x) + part] = values[(z * shape[1] + y) * shape[2] + x];
                }
            }
        }
    }

    /** Index of the real part of grid point (z, y, x), coordinates taken modulo the padded size. */
    int index(int z, int y, int x) {
        return 2 * ((Math.floorMod(z, padded[0]) * padded[1] + Math.floorMod(y, padded[1])) * padded[2]
                + Math.floorMod(x, padded[2]));
    }
}
