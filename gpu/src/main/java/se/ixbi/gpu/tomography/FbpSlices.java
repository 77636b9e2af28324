package se.ixbi.gpu.tomography;

import java.util.Arrays;
import java.util.stream.IntStream;

import se.ixbi.gpu.reconstruction.CpuBackProjector;
import se.ixbi.gpu.reconstruction.CudaBackProjector;
import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.gpu.reconstruction.FilteredBackProjection;
import se.ixbi.gpu.reconstruction.ParallelGeometry;

/** Filtered back projection, one slice per task, on all cores (and the GPU, with the CUDA backend). */
final class FbpSlices implements SliceReconstructor {

    private final ThreadLocal<FilteredBackProjection> fbp;

    FbpSlices(ParallelGeometry geometry, FilterWindow filter, Backend backend) {
        this.fbp = ThreadLocal.withInitial(() -> new FilteredBackProjection(geometry, filter,
                backend == Backend.CUDA ? new CudaBackProjector() : new CpuBackProjector()));
    }

    @Override
    public float[][] reconstruct(float[] sinograms, int count, int length, int width) {
        float[][] out = new float[count][];
        IntStream.range(0, count).parallel().forEach(i -> out[i] = fbp.get()
                .reconstruct(Arrays.copyOfRange(sinograms, i * length, (i + 1) * length), width));
        return out;
    }
}
