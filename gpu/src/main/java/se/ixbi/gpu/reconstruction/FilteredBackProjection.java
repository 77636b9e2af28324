package se.ixbi.gpu.reconstruction;

/**
 * Filtered back projection of one slice: filter → back-project. Values come out per pixel: line integrals in
 * pixel units reconstruct the attenuation per pixel (as scikit-image's iradon and TomoPy); divide by the pixel
 * size to get a physical attenuation coefficient.
 */
public final class FilteredBackProjection {

    private final ParallelGeometry geometry;
    private final RampFilter filter;
    private final BackProjector backProjector;
    private final float[] scratch;

    public FilteredBackProjection(ParallelGeometry geometry, FilterWindow window, BackProjector backProjector) {
        this.geometry = geometry;
        this.filter = new RampFilter(geometry.width(), window);
        this.backProjector = backProjector;
        this.scratch = new float[geometry.angles() * geometry.width()];
    }

    /** Reconstructs an {@code n × n} slice from a sinogram ({@code angles × width}); the sinogram is kept. */
    public void reconstruct(float[] sinogram, float[] slice, int n) {
        System.arraycopy(sinogram, 0, scratch, 0, scratch.length);
        filter.applyToSinogram(scratch, geometry.angles());
        backProjector.backproject(scratch, geometry, slice, n);
    }

    public float[] reconstruct(float[] sinogram, int n) {
        float[] slice = new float[n * n];
        reconstruct(sinogram, slice, n);
        return slice;
    }
}
