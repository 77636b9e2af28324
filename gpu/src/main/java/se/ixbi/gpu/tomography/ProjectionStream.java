package se.ixbi.gpu.tomography;

/** A scan's projections, one after another. */
public interface ProjectionStream {

    /** The next projection's counts, {@code rows × cols}. */
    float[] next();
}
