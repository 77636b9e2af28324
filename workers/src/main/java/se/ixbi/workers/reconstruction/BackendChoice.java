package se.ixbi.workers.reconstruction;

import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.gpu.tomography.Backend;
import se.ixbi.gpu.tomography.Physics;

/**
 * Where back projection runs, from what a person asked ({@code auto}, {@code cpu} or {@code cuda}) and what this
 * machine has. {@code auto} takes CUDA where the method has a CUDA twin (fbp) and CUDA works here; {@code cuda} on a
 * machine without a usable GPU is refused with the reason, never quietly run on the CPU.
 */
final class BackendChoice {

    private BackendChoice() {
    }

    /**
     * @param setting the name the person knows the choice by ({@code --backend}, {@code ixbi.reconstruction.backend})
     */
    static Backend choose(String setting, String requested, Physics.Method method,
            CudaRuntime.Availability cuda) {
        String choice = requested == null ? "auto" : requested.trim().toLowerCase();
        switch (choice) {
            case "cpu":
                return Backend.CPU;
            case "cuda":
                if (method != Physics.Method.FBP) {
                    throw new IllegalArgumentException(setting + " cuda runs the fbp method; "
                            + method.name().toLowerCase() + " runs on the CPU only");
                }
                if (!cuda.available()) {
                    throw new IllegalArgumentException(setting + " cuda, but CUDA is not usable here: "
                            + cuda.description());
                }
                return Backend.CUDA;
            case "auto":
                return method == Physics.Method.FBP && cuda.available()
                        ? Backend.CUDA : Backend.CPU;
            default:
                throw new IllegalArgumentException(setting + " must be auto, cpu or cuda, was " + requested);
        }
    }
}
