package se.ixbi.workers.omezarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Zarr v2 array as any writer leaves it (zarr-python, ome-zarr-py, tensorstore, this project): integer or float
 * dtypes of either byte order, C order, "." or "/" dimension separator, blosc, zstd, zlib, gzip or no compression,
 * missing chunks read as the fill value. Reads the last three axes as float values, the leading ones (time,
 * channel) held at a given index.
 */
final class ZarrArray {

    private final Path dir;
    private final long[] shape;
    private final int[] chunks;
    private final DataType type;
    private final ChunkCodec codec;
    private final String separator;
    private final double fill;

    private ZarrArray(Path dir, long[] shape, int[] chunks, DataType type, ChunkCodec codec, String separator,
            double fill) {
        this.dir = dir;
        this.shape = shape;
        this.chunks = chunks;
        this.type = type;
        this.codec = codec;
        this.separator = separator;
        this.fill = fill;
    }

    public static ZarrArray open(Path dir) {
        Path meta = dir.resolve(".zarray");
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(meta.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(dir + " is not a Zarr v2 array (no .zarray)");
        } catch (IOException e) {
            throw new IllegalArgumentException(meta + " is not valid JSON: " + e.getMessage());
        }
        if (m.path("zarr_format").asInt() != 2) {
            throw new IllegalArgumentException(meta + ": only Zarr format 2 is read, found "
                    + m.path("zarr_format"));
        }
        if (!m.path("order").asText("C").equals("C")) {
            throw new IllegalArgumentException(meta + ": only C (row-major) order is read");
        }
        JsonNode filters = m.path("filters");
        if (!filters.isMissingNode() && !filters.isNull() && filters.size() > 0) {
            throw new IllegalArgumentException(meta + ": Zarr filters are not supported (" + filters + ")");
        }
        int rank = m.path("shape").size();
        if (rank < 3 || m.path("chunks").size() != rank) {
            throw new IllegalArgumentException(meta + ": needs at least three axes with chunks for each, found shape "
                    + m.path("shape") + " and chunks " + m.path("chunks"));
        }
        long[] shape = new long[rank];
        int[] chunks = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = m.path("shape").get(i).asLong();
            chunks[i] = m.path("chunks").get(i).asInt();
            if (chunks[i] < 1) {
                throw new IllegalArgumentException(meta + ": chunk sizes must be positive");
            }
        }
        DataType type = DataType.parse(m.path("dtype").asText(), meta);
        ChunkCodec codec;
        try {
            codec = ChunkCodec.fromId(m.path("compressor").path("id").asText(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(meta + ": " + e.getMessage());
        }
        JsonNode f = m.path("fill_value");
        double fill = f.isNumber() ? f.asDouble() : f.isTextual() && f.asText().equals("NaN") ? Double.NaN : 0;
        return new ZarrArray(dir, shape, chunks, type, codec, m.path("dimension_separator").asText("."), fill);
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The last three axes' sizes. */
    public int[] spatialShape() {
        int r = shape.length;
        return new int[] {(int) shape[r - 3], (int) shape[r - 2], (int) shape[r - 1]};
    }

    /**
     * The volume of the last three axes at {@code leading} (one index per leading axis; none for a 3D array).
     */
    public float[] read(long... leading) {
        int rank = shape.length;
        if (leading.length != rank - 3) {
            throw new IllegalArgumentException("the array has " + (rank - 3) + " leading axes; got "
                    + leading.length + " indices");
        }
        for (int i = 0; i < leading.length; i++) {
            if (leading[i] < 0 || leading[i] >= shape[i]) {
                throw new IllegalArgumentException("index " + leading[i] + " is outside axis " + i + " of size "
                        + shape[i]);
            }
        }
        int[] s = spatialShape();
        long voxels = (long) s[0] * s[1] * s[2];
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(dir + ": level of " + Arrays.toString(s)
                    + " voxels is too large to hold; read a coarser level");
        }
        float[] out = new float[(int) voxels];
        Arrays.fill(out, (float) fill);
        int cz = chunks[rank - 3];
        int cy = chunks[rank - 2];
        int cx = chunks[rank - 1];
        int chunkElements = 1;
        for (int c : chunks) {
            chunkElements *= c;
        }
        // offset of the wanted leading position inside its chunk, in elements
        long within = 0;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < rank - 3; i++) {
            prefix.append(leading[i] / chunks[i]).append(separator);
            within = within * chunks[i] + leading[i] % chunks[i];
        }
        long spatialOffset = within * cz * cy * cx;
        for (int zi = 0; (long) zi * cz < s[0]; zi++) {
            for (int yi = 0; (long) yi * cy < s[1]; yi++) {
                for (int xi = 0; (long) xi * cx < s[2]; xi++) {
                    Path chunk = dir.resolve(prefix + (zi + separator + yi + separator + xi));
                    if (!Files.exists(chunk)) {
                        continue;
                    }
                    ByteBuffer raw = decode(chunk, chunkElements);
                    for (int z = 0; z < cz && zi * cz + z < s[0]; z++) {
                        for (int y = 0; y < cy && yi * cy + y < s[1]; y++) {
                            int into = ((zi * cz + z) * s[1] + yi * cy + y) * s[2] + xi * cx;
                            int from = (int) (spatialOffset + (z * cy + y) * cx);
                            int n = Math.min(cx, s[2] - xi * cx);
                            for (int x = 0; x < n; x++) {
                                out[into + x] = type.get(raw, from + x);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private ByteBuffer decode(Path chunk, int elements) {
        try {
            byte[] bytes = codec.decode(Files.readAllBytes(chunk), elements * type.size);
            if (bytes.length < (long) elements * type.size) {
                throw new IllegalArgumentException("chunk " + dir.relativize(chunk) + " of " + dir + " holds "
                        + bytes.length + " bytes, expected " + (long) elements * type.size + " (truncated?)");
            }
            return ByteBuffer.wrap(bytes).order(type.order);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chunk " + chunk + ": " + e.getMessage(), e);
        }
    }

    /** NumPy dtype strings: byte order, kind, size. */
    private record DataType(ByteOrder order, char kind, int size) {

        static DataType parse(String dtype, Path meta) {
            if (dtype.length() < 3) {
                throw new IllegalArgumentException(meta + ": unreadable dtype '" + dtype + "'");
            }
            ByteOrder order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            char kind = dtype.charAt(1);
            int size = Integer.parseInt(dtype.substring(2));
            boolean known = switch (kind) {
                case 'u', 'i' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'f' -> size == 4 || size == 8;
                default -> false;
            };
            if (!known) {
                throw new IllegalArgumentException(meta + ": dtype '" + dtype
                        + "' is not read (integers of 1–8 bytes and float32/float64 are)");
            }
            return new DataType(order, kind, size);
        }

        float get(ByteBuffer b, int index) {
            int at = index * size;
            return switch (kind) {
                case 'f' -> size == 4 ? b.getFloat(at) : (float) b.getDouble(at);
                case 'u' -> switch (size) {
                    case 1 -> b.get(at) & 0xff;
                    case 2 -> b.getShort(at) & 0xffff;
                    case 4 -> b.getInt(at) & 0xffffffffL;
                    default -> (float) b.getLong(at);
                };
                default -> switch (size) {
                    case 1 -> b.get(at);
                    case 2 -> b.getShort(at);
                    case 4 -> b.getInt(at);
                    default -> (float) b.getLong(at);
                };
            };
        }
    }
}
