package se.ixbi.workers.reconstruction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.workers.omezarr.ChunkCodec;

/**
 * What to do with a scan (or, for CTF, with one scan per propagation distance): its physics, what to write, and
 * where to back-project. {@code reconstruct}, {@code bench} and {@code xray.reconstruct} build the same records.
 */
public record ReconstructionOptions(Physics physics, Output output, Backend backend) {

    /**
     * How the scan was taken and how to invert it. {@code pixelSizeUm} null: values per voxel; otherwise the linear
     * attenuation coefficient in 1/m. {@code center} null: found automatically.
     */
    public record Physics(Method method, PhaseMode phase, Double deltaBeta, Double energyKev, List<Double> distancesM,
            Double pixelSizeUm, Double center, FilterWindow filter, boolean ringSuppression) {

        /** The one distance single-distance phase retrieval uses: the first. */
        public Double distanceM() {
            return distancesM == null || distancesM.isEmpty() ? null : distancesM.get(0);
        }
    }

    /**
     * What to write. {@code rowFrom}/{@code rowTo}: the detector rows (slices) to reconstruct, end exclusive; null
     * for all. {@code slabRows}: how many slices are reconstructed at a time.
     */
    public record Output(Integer rowFrom, Integer rowTo, int slabRows, ChunkCodec compressor) {

        /** All rows, 32 at a time. */
        public static Output whole(ChunkCodec compressor) {
            return new Output(null, null, 32, compressor);
        }
    }

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

    /**
     * The choices that make a volume what it is, as provenance records them and a dataset's id is derived from them:
     * the physics and the codec, in this order and spelling (changing either changes every new dataset's id).
     */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", physics.method().name().toLowerCase());
        p.put("phase", physics.phase().name().toLowerCase());
        p.put("deltaBeta", physics.deltaBeta());
        p.put("energyKev", physics.energyKev());
        p.put("distancesM", physics.distancesM());
        p.put("pixelSizeUm", physics.pixelSizeUm());
        p.put("filter", physics.filter().name().toLowerCase());
        p.put("ringSuppression", physics.ringSuppression());
        p.put("compressor", output.compressor().name().toLowerCase());
        return p;
    }
}
