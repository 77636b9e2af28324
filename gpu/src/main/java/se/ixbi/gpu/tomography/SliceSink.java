package se.ixbi.gpu.tomography;

import java.util.Map;

/**
 * Where reconstructed slices go, in order; nothing is kept unless {@link #commit()} is called before
 * {@link #close()}. The OME-Zarr writer implements it.
 */
public interface SliceSink extends AutoCloseable {

    void addSlice(float[] slice);

    /** Every slice is in: make the result whole and visible. */
    void commit();

    /** Ends the sink; without a commit, removes what it wrote. */
    @Override
    void close();

    /** Opens a sink for a volume once its size is known. */
    interface Opener {
        SliceSink open(int slices, int height, int width, double voxelUm, Map<String, Object> attributes);
    }
}
