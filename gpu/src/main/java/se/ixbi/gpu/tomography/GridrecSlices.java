package se.ixbi.gpu.tomography;

import java.util.Arrays;
import java.util.stream.IntStream;

import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.gpu.reconstruction.Gridrec;
import se.ixbi.gpu.reconstruction.ParallelGeometry;

/** Gridrec, two slices per transform, one pair per task, on all cores. */
final class GridrecSlices implements SliceReconstructor {

    private final ThreadLocal<Gridrec> gridrec;

    GridrecSlices(ParallelGeometry geometry, FilterWindow filter) {
        this.gridrec = ThreadLocal.withInitial(() -> new Gridrec(geometry, filter));
    }

    @Override
    public float[][] reconstruct(float[] sinograms, int count, int length, int width) {
        float[][] out = new float[count][];
        IntStream.range(0, (count + 1) / 2).parallel().forEach(pair -> {
            int i = 2 * pair;
            out[i] = new float[width * width];
            float[] a = Arrays.copyOfRange(sinograms, i * length, (i + 1) * length);
            float[] b = null;
            if (i + 1 < count) {
                out[i + 1] = new float[width * width];
                b = Arrays.copyOfRange(sinograms, (i + 1) * length, (i + 2) * length);
            }
            gridrec.get().reconstruct(a, b, out[i], i + 1 < count ? out[i + 1] : null, width);
        });
        return out;
    }
}
