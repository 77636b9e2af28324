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
}
