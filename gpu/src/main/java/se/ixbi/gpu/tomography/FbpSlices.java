package se.ixbi.gpu.tomography;

import java.util.Arrays;
import java.util.stream.IntStream;

import se.ixbi.gpu.reconstruction.CpuBackProjector;
import se.ixbi.gpu.reconstruction.CudaBackProjector;
import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.gpu.reconstruction.FilteredBackProjection;
import se.ixbi.gpu.reconstruction.ParallelGeometry;
import se.ixbi.gpu.reconstruction.RampFilter;

/**
 * Filtered back projection. On the CPU one slice per task, on all cores. With the CUDA backend the slab is filtered
 * on all cores, then back-projected on the GPU in one pass ({@link CudaBackProjector#backprojectSlab}), its device
 * buffers allocated once for the whole volume.
 */
final class FbpSlices implements SliceReconstructor {

    private final ParallelGeometry geometry;
    private final ThreadLocal<FilteredBackProjection> cpu;
    private final ThreadLocal<RampFilter> filters;
    private final CudaBackProjector cuda;

    FbpSlices(ParallelGeometry geometry, FilterWindow filter, Backend backend) {
        this.geometry = geometry;
        this.cpu = ThreadLocal.withInitial(() -> new FilteredBackProjection(geometry, filter, new CpuBackProjector()));
        this.filters = ThreadLocal.withInitial(() -> new RampFilter(geometry.width(), filter));
        this.cuda = backend == Backend.CUDA ? new CudaBackProjector() : null;
    }

    @Override
    public float[][] reconstruct(float[] sinograms, int count, int length, int width) {
        if (cuda != null) {
            float[] filtered = Arrays.copyOf(sinograms, count * length);
            IntStream.range(0, count).parallel()
                    .forEach(i -> filters.get().applyToSinogram(filtered, i * length, geometry.angles()));
            return cuda.backprojectSlab(filtered, count, geometry, width);
        }
        float[][] out = new float[count][];
        IntStream.range(0, count).parallel().forEach(i -> out[i] = cpu.get()
                .reconstruct(Arrays.copyOfRange(sinograms, i * length, (i + 1) * length), width));
        return out;
    }

    @Override
    public void close() {
        if (cuda != null) {
            cuda.close();
        }
    }
}
