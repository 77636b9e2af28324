package se.ixbi.gpu.reconstruction;

/**
 * Accumulates filtered projections into a slice. One contract for every backend: the slice buffer is given,
 * {@code n × n} row-major, and is overwritten.
 */
interface BackProjector {

    /**
     * @param filtered one filtered sinogram, {@code angles × width}
     * @param slice    output, {@code n × n}; pixel (x, y) is centred at ({@code x − (n−1)/2}, {@code y − (n−1)/2})
     */
    void backproject(float[] filtered, ParallelGeometry geometry, float[] slice, int n);
}
