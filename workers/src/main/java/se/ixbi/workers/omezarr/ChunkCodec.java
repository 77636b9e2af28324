package se.ixbi.workers.omezarr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import com.github.luben.zstd.Zstd;
import com.scalableminds.bloscjava.Blosc;

/**
 * Chunk compressors with their numcodecs ids, so that zarr-python, napari and other Zarr readers decode them.
 * zstd at level 1 compresses float volumes about as well as zlib and several times faster.
 */
public enum ChunkCodec {
    ZSTD("zstd") {
        @Override
        byte[] encode(byte[] raw) {
            return Zstd.compress(raw, 1);
        }

        @Override
        byte[] decode(byte[] compressed, int size) {
            return Zstd.decompress(compressed, size);
        }
    },
    ZLIB("zlib") {
        @Override
        byte[] encode(byte[] raw) {
            Deflater deflater = new Deflater(1);
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            return out.toByteArray();
        }

        @Override
        byte[] decode(byte[] compressed, int size) throws IOException {
            Inflater inflater = new Inflater();
            inflater.setInput(compressed);
            byte[] out = new byte[size];
            try {
                int n = 0;
                while (n < size && !inflater.finished()) {
                    n += inflater.inflate(out, n, size - n);
                }
            } catch (DataFormatException e) {
                throw new IOException("corrupt zlib chunk", e);
            } finally {
                inflater.end();
            }
            return out;
        }
    },
    /** Blosc as numcodecs writes it (the header says which inner codec and shuffle; decoding needs neither). */
    BLOSC("blosc") {
        @Override
        byte[] encode(byte[] raw) {
            return Blosc.compress(raw, 4, Blosc.Compressor.LZ4, 5, Blosc.Shuffle.BYTE_SHUFFLE);
        }

        @Override
        byte[] decode(byte[] compressed, int size) throws IOException {
            try {
                return Blosc.decompress(compressed);
            } catch (RuntimeException e) {
                throw new IOException("corrupt blosc chunk: " + e.getMessage(), e);
            }
        }
    },
    GZIP("gzip") {
        @Override
        byte[] encode(byte[] raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(raw);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        @Override
        byte[] decode(byte[] compressed, int size) throws IOException {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                return in.readNBytes(size);
            }
        }
    },
    NONE(null) {
        @Override
        byte[] encode(byte[] raw) {
            return raw;
        }

        @Override
        byte[] decode(byte[] compressed, int size) {
            return compressed;
        }
    };

    private final String id;

    ChunkCodec(String id) {
        this.id = id;
    }

    abstract byte[] encode(byte[] raw);

    abstract byte[] decode(byte[] compressed, int size) throws IOException;

    /** The {@code compressor} entry of {@code .zarray}; null means uncompressed. */
    Map<String, Object> metadata() {
        return id == null ? null : Map.of("id", id, "level", 1);
    }

    static ChunkCodec fromId(String id) {
        if (id == null || id.isEmpty() || id.equals("null")) {
            return NONE;
        }
        for (ChunkCodec c : values()) {
            if (id.equals(c.id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unsupported Zarr compressor '" + id
                + "' (readable: blosc, zstd, zlib, gzip or none)");
    }
}
