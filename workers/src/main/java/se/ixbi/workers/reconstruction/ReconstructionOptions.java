package se.ixbi.workers.reconstruction;

import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.workers.omezarr.ChunkCodec;

/**
 * What to do with a scan (or, for CTF, with one scan per propagation distance). {@code pixelSizeUm} null: values per voxel; otherwise linear attenuation coefficient in
 * 1/m. {@code center} null: found automatically. {@code rowFrom}/{@code rowTo}: the detector rows (slices) to
 * reconstruct, end exclusive; null for all.
 */
public record ReconstructionOptions(
        Method method,
        PhaseMode phase,
        Double deltaBeta,
        Double energyKev,
        java.util.List<Double> distancesM,
        Double pixelSizeUm,
        Double center,
        FilterWindow filter,
        boolean ringSuppression,
        Integer rowFrom,
        Integer rowTo,
        int slabRows,
        ChunkCodec compressor,
        Backend backend) {

    /** Direct back projection (the reference) or gridding in Fourier space (faster, O(N² log N) per slice). */
    public enum Method {
        FBP, GRIDREC
    }

    /** Where back projection runs; gridrec and phase retrieval run on the CPU in this version. */
    public enum Backend {
        CPU, CUDA
    }

    public enum PhaseMode {
        NONE, PAGANIN, CTF
    }

    public Double distanceM() {
        return distancesM == null || distancesM.isEmpty() ? null : distancesM.get(0);
    }
}
