package se.ixbi.gpu.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.gpu.phantom.SlicePhantom;

/**
 * The CUDA back projector agrees with the CPU one. Runs where a GPU, its driver and the compiled kernels are
 * present; elsewhere it is reported as skipped, with the reason.
 */
class CudaBackProjectorTest {

    @BeforeEach
    void requireCuda() {
        CudaRuntime.Availability cuda = CudaRuntime.availability();
        System.out.println("CUDA backend: " + (cuda.available() ? "available on " : "SKIPPED, ") + cuda.description());
        assumeTrue(cuda.available(), "CUDA backend not available here: " + cuda.description());
    }

    @Test
    void agreesWithTheCpuWithinFloatRounding() {
        int n = 256;
        SlicePhantom phantom = SlicePhantom.tissue(n, 1.0, 7);
        ParallelGeometry g = ParallelGeometry.halfCircle(360, n).withCenter(n / 2.0 + 2.7);
        float[] sinogram = phantom.sinogram(g);
        float[] cpu = new FilteredBackProjection(g, FilterWindow.SHEPP_LOGAN, new CpuBackProjector())
                .reconstruct(sinogram, n);
        float[] gpu;
        try (CudaBackProjector cuda = new CudaBackProjector()) {
            gpu = new FilteredBackProjection(g, FilterWindow.SHEPP_LOGAN, cuda).reconstruct(sinogram, n);
        }
        // rounding of fixed-point steps on the CPU against float on the GPU: far below the 0.02 reconstruction error
        assertThat(Images.rmseInDisc(gpu, cpu, n)).isLessThan(1e-3);
        assertThat(Images.rmseInDisc(gpu, phantom.image(n), n)).isLessThan(FilteredBackProjectionTest.SKIMAGE_RMSE_RAMP);
    }

    @Test
    void aSlabComesBackSliceForSliceAsTheCpuMakesIt() {
        int n = 128;
        int count = 2 * CudaBackProjector.CHUNK + 3;
        ParallelGeometry g = ParallelGeometry.halfCircle(180, n).withCenter(n / 2.0 - 1.3);
        RampFilter filter = new RampFilter(n, FilterWindow.SHEPP_LOGAN);
        int length = g.angles() * n;
        float[] slab = new float[count * length];
        float[][] cpu = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] sinogram = SlicePhantom.tissue(n, 1.0, 100 + i).sinogram(g);
            cpu[i] = new FilteredBackProjection(g, FilterWindow.SHEPP_LOGAN, new CpuBackProjector())
                    .reconstruct(sinogram, n);
            filter.applyToSinogram(sinogram, g.angles());
            System.arraycopy(sinogram, 0, slab, i * length, length);
        }
        float[][] gpu;
        try (CudaBackProjector cuda = new CudaBackProjector()) {
            cuda.backprojectSlab(slab, count, g, n);
            // the second slab reuses the buffers of the first
            gpu = cuda.backprojectSlab(slab, count, g, n);
        }
        assertThat(gpu).hasNumberOfRows(count);
        for (int i = 0; i < count; i++) {
            assertThat(Images.rmseInDisc(gpu[i], cpu[i], n)).as("slice %d", i).isLessThan(1e-3);
        }
    }
}
