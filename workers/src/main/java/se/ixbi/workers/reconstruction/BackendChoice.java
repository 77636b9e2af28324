package se.ixbi.workers.reconstruction;

import se.ixbi.gpu.cuda.CudaRuntime;

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
    static ReconstructionOptions.Backend choose(String setting, String requested, ReconstructionOptions.Method method,
            CudaRuntime.Availability cuda) {
        String choice = requested == null ? "auto" : requested.trim().toLowerCase();
        switch (choice) {
            case "cpu":
                return ReconstructionOptions.Backend.CPU;
            case "cuda":
                if (method != ReconstructionOptions.Method.FBP) {
                    throw new IllegalArgumentException(setting + " cuda runs the fbp method; "
                            + method.name().toLowerCase() + " runs on the CPU only");
                }
                if (!cuda.available()) {
                    throw new IllegalArgumentException(setting + " cuda, but CUDA is not usable here: "
                            + cuda.description());
                }
                return ReconstructionOptions.Backend.CUDA;
            case "auto":
                return method == ReconstructionOptions.Method.FBP && cuda.available()
                        ? ReconstructionOptions.Backend.CUDA : ReconstructionOptions.Backend.CPU;
            default:
                throw new IllegalArgumentException(setting + " must be auto, cpu or cuda, was " + requested);
        }
    }
}
