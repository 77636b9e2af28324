package se.ixbi.workers.reconstruction;

import java.util.LinkedHashMap;
import java.util.Map;

import se.ixbi.gpu.tomography.Backend;
import se.ixbi.gpu.tomography.Physics;
import se.ixbi.gpu.tomography.ReconstructionChain;
import se.ixbi.workers.omezarr.ChunkCodec;

/**
 * What to do with a scan (or, for CTF, with one scan per propagation distance): its physics (gpu's
 * {@link Physics}), what to write, and where to back-project. {@code reconstruct}, {@code bench} and
 * {@code xray.reconstruct} build the same records.
 */
public record ReconstructionOptions(Physics physics, Output output, Backend backend) {

    /**
     * What to write. {@code rowFrom}/{@code rowTo}: the detector rows (slices) to reconstruct, end exclusive; null
     * for all. {@code slabRows}: how many slices are reconstructed at a time.
     */
    public record Output(Integer rowFrom, Integer rowTo, int slabRows, ChunkCodec compressor) {

        /** The rows to reconstruct and how many at a time, as the reconstruction chain takes them. */
        public ReconstructionChain.Slices slices() {
            return new ReconstructionChain.Slices(rowFrom, rowTo, slabRows);
        }

        /** All rows, 32 at a time. */
        public static Output whole(ChunkCodec compressor) {
            return new Output(null, null, 32, compressor);
        }
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
        if (physics.zingerRemoval()) {
            // only where asked: the parameters name the dataset, and volumes made without it keep their ids
            p.put("zingerRemoval", true);
        }
        p.put("compressor", output.compressor().name().toLowerCase());
        return p;
    }
}
