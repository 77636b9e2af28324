package se.ixbi.gpu.tomography;

/**
 * A tomographic scan as the chain reads it: raw counts of {@code angles} projections of {@code rows × cols}
 * pixels, with the flat (beam, no sample) and dark (no beam) frames to correct them. The DXchange reader implements
 * it.
 */
public interface ProjectionSource {

    int angles();

    int rows();

    int cols();

    /** The angle of each projection, in degrees. */
    float[] thetaDegrees();

    Frames flats();

    Frames darks();

    /** The projections in order, read {@code blockBytes} at a time. */
    ProjectionStream inOrder(long blockBytes);

    /** Rows {@code [rowFrom, rowFrom + rowCount)} of every projection: {@code angles × rowCount × cols} counts. */
    float[] band(int rowFrom, int rowCount);

    /** {@code count} frames of {@code rows × cols}, one after another. */
    record Frames(float[] values, int count) {
    }
}
