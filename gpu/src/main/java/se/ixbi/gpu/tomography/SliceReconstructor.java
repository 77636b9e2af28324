package se.ixbi.gpu.tomography;

/** Turns a slab of sinograms ({@code count × angles × width}) into slices ({@code width × width} each). */
interface SliceReconstructor extends AutoCloseable {

    float[][] reconstruct(float[] sinograms, int count, int sinogramLength, int width);

    /** Gives back what the reconstructor holds beyond the heap (device memory). */
    @Override
    default void close() {
    }
}
