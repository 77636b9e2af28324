package se.ixbi.gpu.tomography;

/** Turns a slab of sinograms ({@code count × angles × width}) into slices ({@code width × width} each). */
interface SliceReconstructor {

    float[][] reconstruct(float[] sinograms, int count, int sinogramLength, int width);
}
