package se.ixbi.workers.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * Regions of a chunked 3-D dataset, assembled from its chunks. jHDF 0.9.4 reads a hyperslab of a chunked dataset
 * wrongly (past the first few chunk rows it returns zeros), while it reads whole chunks right; beamlines chunk
 * {@code /exchange/data} across all angles (720 × 8 × 512), so every real scan is read this way. Decompressed
 * chunks are kept, least recently used first out, up to a byte budget, so that projections read a block at a time
 * decompress each chunk once where the budget holds the scan.
 */
final class ChunkedRegions {

    private final ChunkedDataset data;
    private final int[] shape;
    private final int[] chunk;
    private final int elementSize;
    private final ByteOrder order;
    private final boolean floating;
    private final boolean signed;
    private final long budgetBytes;
    private final Map<String, ByteBuffer> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;

    ChunkedRegions(ChunkedDataset data, long budgetBytes) {
        this.data = data;
        this.shape = data.getDimensions();
        this.chunk = data.getChunkDimensions();
        this.budgetBytes = budgetBytes;
        DataType type = data.getDataType();
        if (type instanceof FixedPoint f && Arrays.asList(1, 2, 4, 8).contains(f.getSize())) {
            elementSize = f.getSize();
            order = f.getByteOrder();
            floating = false;
            signed = f.isSigned();
        } else if (type instanceof FloatingPoint f && (f.getSize() == 4 || f.getSize() == 8)) {
            elementSize = f.getSize();
            order = f.getByteOrder();
            floating = true;
            signed = true;
        } else {
            throw new BadScanException(data.getPath() + " holds " + type.getClass().getSimpleName() + " of "
                    + type.getSize() + " bytes; a scan's counts are integers or floats");
        }
    }

    /**
     * Elements {@code [a0, a0 + na) × [r0, r0 + nr) × [0, cols)} as floats, in that order (angle, row, column).
     */
    float[] read(int a0, int na, int r0, int nr) {
        int cols = shape[2];
        float[] out = new float[na * nr * cols];
        for (int ca = a0 / chunk[0] * chunk[0]; ca < a0 + na; ca += chunk[0]) {
            for (int cr = r0 / chunk[1] * chunk[1]; cr < r0 + nr; cr += chunk[1]) {
                for (int cc = 0; cc < cols; cc += chunk[2]) {
                    copy(chunkAt(ca, cr, cc), ca, cr, cc, a0, na, r0, nr, out);
                }
            }
        }
        return out;
    }

    private void copy(ByteBuffer bytes, int ca, int cr, int cc, int a0, int na, int r0, int nr, float[] out) {
        int cols = shape[2];
        int aFrom = Math.max(a0, ca);
        int aTo = Math.min(a0 + na, ca + chunk[0]);
        int rFrom = Math.max(r0, cr);
        int rTo = Math.min(r0 + nr, cr + chunk[1]);
        int cTo = Math.min(cols, cc + chunk[2]);
        for (int a = aFrom; a < aTo; a++) {
            for (int r = rFrom; r < rTo; r++) {
                int in = (((a - ca) * chunk[1] + (r - cr)) * chunk[2]) * elementSize;
                int at = ((a - a0) * nr + (r - r0)) * cols;
                for (int c = cc; c < cTo; c++) {
                    out[at + c] = element(bytes, in + (c - cc) * elementSize);
                }
            }
        }
    }

    private float element(ByteBuffer bytes, int index) {
        if (floating) {
            return elementSize == 4 ? bytes.getFloat(index) : (float) bytes.getDouble(index);
        }
        return switch (elementSize) {
            case 1 -> signed ? bytes.get(index) : bytes.get(index) & 0xFF;
            case 2 -> signed ? bytes.getShort(index) : bytes.getShort(index) & 0xFFFF;
            case 4 -> signed ? bytes.getInt(index) : (float) (bytes.getInt(index) & 0xFFFFFFFFL);
            default -> (float) bytes.getLong(index);
        };
    }

    private ByteBuffer chunkAt(int ca, int cr, int cc) {
        String key = ca + "," + cr + "," + cc;
        ByteBuffer bytes = kept.get(key);
        if (bytes == null) {
            try {
                bytes = ByteBuffer.wrap(data.getDecompressedChunk(new int[] {ca, cr, cc})).order(order);
            } catch (RuntimeException e) {
                throw new BadScanException("cannot read the chunk at " + key + " of " + data.getPath()
                        + " (file truncated or damaged?): " + e.getMessage(), e);
            }
            kept.put(key, bytes);
            keptBytes += bytes.capacity();
            var eldest = kept.entrySet().iterator();
            while (keptBytes > budgetBytes && kept.size() > 1) {
                keptBytes -= eldest.next().getValue().capacity();
                eldest.remove();
            }
        }
        return bytes;
    }
}
