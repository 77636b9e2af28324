package se.ixbi.gpu.tomography;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Corrected projections parked on disk (float32, angle-major) so that they can be read back as slabs of detector
 * rows: the transpose from projections to sinograms without holding the scan in memory.
 */
final class ProjectionStore implements AutoCloseable, Sinograms {

    private final Path file;
    private final FileChannel channel;
    private final int rows;
    private final int cols;

    ProjectionStore(Path directory, int rows, int cols) {
        try {
            this.file = Files.createTempFile(directory, "ixbi-projections-", ".f32");
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rows = rows;
        this.cols = cols;
    }

    void write(int angle, float[] projection) {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(projection, 0, rows * cols);
        writeFully(b, (long) angle * rows * cols * 4);
    }

    /** Sinograms of rows {@code [from, from + count)}: {@code count × angles × cols}. */
    @Override
    public float[] sinograms(int from, int count, int angles) {
        float[] out = new float[count * angles * cols];
        ByteBuffer b = ByteBuffer.allocate(count * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] block = new float[count * cols];
        for (int a = 0; a < angles; a++) {
            b.clear();
            readFully(b, ((long) a * rows + from) * cols * 4);
            b.flip();
            b.asFloatBuffer().get(block);
            for (int r = 0; r < count; r++) {
                System.arraycopy(block, r * cols, out, (r * angles + a) * cols, cols);
            }
        }
        return out;
    }

    private void writeFully(ByteBuffer b, long position) {
        try {
            while (b.hasRemaining()) {
                position += channel.write(b, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readFully(ByteBuffer b, long position) {
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, position);
                if (n < 0) {
                    throw new IOException("unexpected end of " + file);
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
