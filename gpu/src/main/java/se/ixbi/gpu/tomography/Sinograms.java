package se.ixbi.gpu.tomography;

/** Where the reconstruction takes its sinograms from, a slab of detector rows at a time. */
interface Sinograms {

    /** Sinograms of rows {@code [from, from + count)} as attenuation: {@code count × angles × cols}. */
    float[] sinograms(int from, int count, int angles);
}
