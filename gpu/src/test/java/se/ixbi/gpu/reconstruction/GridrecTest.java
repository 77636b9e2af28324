package se.ixbi.gpu.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.ixbi.gpu.phantom.SlicePhantom;

/**
 * Gridrec against the same ground truth as FBP, and against FBP itself, for even and odd sizes (even sizes put
 * pixel centres half a step off the FFT lattice).
 */
class GridrecTest {

    @ParameterizedTest(name = "{0} pixels")
    @ValueSource(ints = {256, 255})
    void reconstructsThePhantomAsWellAsBackProjectionAndTwoSlicesAtOnce(int N) {
        SlicePhantom first = SlicePhantom.tissue(N, 1.0, 7);
        SlicePhantom second = SlicePhantom.tissue(N, 0.5, 8);
        ParallelGeometry g = ParallelGeometry.halfCircle(360, N).withCenter(N / 2.0 + 3.3);
        float[] sinoA = first.sinogram(g);
        float[] sinoB = second.sinogram(g);
        float[] a = new float[N * N];
        float[] b = new float[N * N];
        new Gridrec(g, FilterWindow.RAMP).reconstruct(sinoA, sinoB, a, b, N);
        float[] fbp = new FilteredBackProjection(g, FilterWindow.RAMP, new CpuBackProjector()).reconstruct(sinoA, N);

        double gridrecError = Images.rmseInDisc(a, first.image(N), N);
        double fbpError = Images.rmseInDisc(fbp, first.image(N), N);
        assertThat(gridrecError).as("gridrec RMSE").isLessThan(FilteredBackProjectionTest.SKIMAGE_RMSE_RAMP);
        assertThat(gridrecError).as("gridrec vs FBP RMSE").isLessThan(1.5 * fbpError);
        assertThat(Images.meanInDisc(a, N)).isCloseTo(Images.meanInDisc(first.image(N), N),
                org.assertj.core.data.Offset.offset(0.005));
        assertThat(Images.rmseInDisc(b, second.image(N), N)).isLessThan(FilteredBackProjectionTest.SKIMAGE_RMSE_RAMP);
    }
}
