package se.ixbi.workers.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.gpu.tomography.Backend;
import se.ixbi.gpu.tomography.Physics.Method;
import se.ixbi.gpu.tomography.Physics;

/** auto, cpu and cuda against a machine with and without a usable GPU. */
class BackendChoiceTest {

    private static final CudaRuntime.Availability NO_GPU =
            new CudaRuntime.Availability(false, "no usable CUDA driver: libcuda.so.1", null);
    private static final CudaRuntime.Availability GPU = new CudaRuntime.Availability(true, "NVIDIA H100", null);
    private static final String SETTING = "ixbi.reconstruction.backend";

    @Test
    void autoTakesCudaOnlyForFbpOnAMachineWhereItWorks() {
        assertThat(BackendChoice.choose(SETTING, "auto", Method.FBP, GPU)).isEqualTo(Backend.CUDA);
        assertThat(BackendChoice.choose(SETTING, "auto", Method.FBP, NO_GPU)).isEqualTo(Backend.CPU);
        assertThat(BackendChoice.choose(SETTING, "auto", Method.GRIDREC, GPU)).isEqualTo(Backend.CPU);
        assertThat(BackendChoice.choose(SETTING, null, Method.FBP, GPU)).isEqualTo(Backend.CUDA);
    }

    @Test
    void cpuIsTheCpuEvenWhereAGpuIsThere() {
        assertThat(BackendChoice.choose(SETTING, "CPU", Method.FBP, GPU)).isEqualTo(Backend.CPU);
    }

    @Test
    void cudaWhereNoneWorksIsRefusedWithTheReasonNotRunOnTheCpu() {
        assertThat(BackendChoice.choose(SETTING, "cuda", Method.FBP, GPU)).isEqualTo(Backend.CUDA);
        assertThatThrownBy(() -> BackendChoice.choose(SETTING, "cuda", Method.FBP, NO_GPU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ixbi.reconstruction.backend cuda, but CUDA is not usable here: no usable CUDA driver: "
                        + "libcuda.so.1");
        assertThatThrownBy(() -> BackendChoice.choose(SETTING, "cuda", Method.GRIDREC, GPU))
                .hasMessage("ixbi.reconstruction.backend cuda runs the fbp method; gridrec runs on the CPU only");
    }

    @Test
    void anythingElseIsNamedInTheRefusal() {
        assertThatThrownBy(() -> BackendChoice.choose("--backend", "quantum", Method.FBP, GPU))
                .hasMessage("--backend must be auto, cpu or cuda, was quantum");
    }
}
