package se.ixbi.workers.reconstruction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code xray.reconstruct} does where the acquisition plan says nothing.
 *
 * @param deltaBetaAt20kev δ/β of the tissue at 20 keV (soft tissue ≈ 1665 with the simulator's material); scaled
 *        with the square of the energy, as δ ∝ E⁻² and β ∝ E⁻⁴ away from absorption edges
 * @param method gridrec (fast) or fbp (the reference)
 * @param filter ramp, shepp-logan, cosine or hann
 * @param compressor zstd, zlib or none
 * @param ringSuppression whether to suppress ring artefacts
 * @param zingerRemoval whether to replace zingers (single bright pixels) in the raw counts
 * @param backend where back projection runs: auto (CUDA for fbp where a GPU is usable, else the CPU), cpu, or cuda
 *        (a node without a usable GPU then fails each task with the reason: an incident, not a slow CPU run)
 */
@ConfigurationProperties("ixbi.reconstruction")
record ReconstructionDefaults(
        @DefaultValue("1665") double deltaBetaAt20kev,
        @DefaultValue("gridrec") String method,
        @DefaultValue("shepp-logan") String filter,
        @DefaultValue("zstd") String compressor,
        @DefaultValue("false") boolean ringSuppression,
        @DefaultValue("false") boolean zingerRemoval,
        @DefaultValue("auto") String backend) {

    public double deltaBeta(double energyKev) {
        return deltaBetaAt20kev * (energyKev / 20.0) * (energyKev / 20.0);
    }
}
