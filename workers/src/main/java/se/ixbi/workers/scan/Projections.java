package se.ixbi.workers.scan;

import se.ixbi.gpu.tomography.ProjectionStream;

/**
 * A scan's projections one after another, as a pipeline reads them, fetched from the file a block at a time
 * ({@link ScanFile#projections}), so that chunks spanning all angles are each read a few times, not once per angle.
 */
public final class Projections implements ProjectionStream {

    private final ScanFile scan;
    private final int block;
    private float[][] held = new float[0][];
    private int heldFrom;
    private int next;

    Projections(ScanFile scan, int block) {
        this.scan = scan;
        this.block = block;
    }

    /** Projection {@link #index()}, then the one after it. */
    public float[] next() {
        if (next >= scan.angles()) {
            throw new IllegalStateException("all " + scan.angles() + " projections have been read");
        }
        if (next >= heldFrom + held.length) {
            heldFrom = next;
            held = scan.projections(next, Math.min(block, scan.angles() - next));
        }
        float[] projection = held[next - heldFrom];
        held[next - heldFrom] = null;
        next++;
        return projection;
    }

    /** The index of the projection {@link #next()} returns. */
    public int index() {
        return next;
    }

    /** How many projections a block holds. */
    public int block() {
        return block;
    }
}
