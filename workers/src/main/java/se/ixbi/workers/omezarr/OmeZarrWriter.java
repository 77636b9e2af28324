package se.ixbi.workers.omezarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import se.ixbi.gpu.tomography.SliceSink;

/**
 * Writes a float32 volume as an OME-Zarr image (NGFF 0.4, Zarr v2, "/" dimension separator, zstd- or
 * zlib-compressed chunks) with a multiscale pyramid, slice by slice from the top: only one chunk-deep slab per level is held in
 * memory. Axes are z, y, x in micrometres. The image is written under a temporary name beside its destination and
 * renamed by {@link #commit()}: until then, and for good if the writer is closed without a commit (a failure), no
 * half-written image exists under the destination name.
 */
public final class OmeZarrWriter implements SliceSink {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path destination;
    private final Path root;
    private final Level[] levels;
    private boolean committed;
    private final double[] spacingUm;
    private final double[] originUm;

    /**
     * @param depth, height, width the full-resolution shape
     * @param levels   number of pyramid levels (each halves every axis)
     * @param chunk    chunk edge length
     */
    public OmeZarrWriter(Path root, int depth, int height, int width, double voxelUm, int levels, int chunk,
            ChunkCodec codec, Map<String, Object> imageAttributes) {
        this(root, depth, height, width, new double[] {voxelUm, voxelUm, voxelUm}, new double[3], levels, chunk,
                codec, imageAttributes);
    }

    /** With a voxel size and a position (of voxel 0) per axis, z, y, x in micrometres. */
    public OmeZarrWriter(Path root, int depth, int height, int width, double[] spacingUm, double[] originUm,
            int levels, int chunk, ChunkCodec codec, Map<String, Object> imageAttributes) {
        this.destination = root;
        this.spacingUm = spacingUm.clone();
        this.originUm = originUm.clone();
        this.levels = new Level[levels];
        try {
            if (Files.exists(destination)) {
                throw new IllegalArgumentException("output " + destination + " already exists; choose a new path");
            }
            Path parent = destination.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // a fresh name per writer: a retry or a second worker never mixes its chunks into another's
            this.root = Files.createTempDirectory(parent, destination.getFileName() + ".partial-");
            int d = depth;
            int h = height;
            int w = width;
            for (int i = 0; i < levels; i++) {
                this.levels[i] = new Level(this.root.resolve(Integer.toString(i)), d, h, w, chunk, codec);
                d = Math.max(1, d / 2);
                h = Math.max(1, h / 2);
                w = Math.max(1, w / 2);
            }
            writeJson(this.root.resolve(".zgroup"), Map.of("zarr_format", 2));
            writeJson(this.root.resolve(".zattrs"), attributes(imageAttributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pyramid depth that stops when the smallest axis would drop below one chunk. */
    public static int levelsFor(int smallestAxis, int chunk) {
        int levels = 1;
        while ((smallestAxis >> levels) >= Math.min(chunk, 16)) {
            levels++;
        }
        return Math.min(levels, 6);
    }

    private Map<String, Object> attributes(Map<String, Object> extra) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            List<Double> scale = new ArrayList<>();
            List<Double> translation = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                scale.add(spacingUm[a] * (1 << i));
                // a mean of 2^i voxels is centred (2^i − 1)/2 voxels in from the first of them
                translation.add(originUm[a] + spacingUm[a] * ((1 << i) - 1) / 2.0);
            }
            datasets.add(Map.of("path", Integer.toString(i), "coordinateTransformations", List.of(
                    Map.of("type", "scale", "scale", scale),
                    Map.of("type", "translation", "translation", translation))));
        }
        Map<String, Object> multiscale = new LinkedHashMap<>();
        multiscale.put("version", "0.4");
        multiscale.put("name", destination.getFileName().toString());
        multiscale.put("axes", List.of(
                Map.of("name", "z", "type", "space", "unit", "micrometer"),
                Map.of("name", "y", "type", "space", "unit", "micrometer"),
                Map.of("name", "x", "type", "space", "unit", "micrometer")));
        multiscale.put("datasets", datasets);
        multiscale.put("type", "mean");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("multiscales", List.of(multiscale));
        attrs.putAll(extra);
        return attrs;
    }

    /** Writes a whole volume with its grid (z, y, x in micrometres), a pyramid down to about one chunk, zstd. */
    public static void write(Path root, se.ixbi.gpu.registration.Volume volume, Map<String, Object> attributes) {
        int chunk = 64;
        int smallest = Math.min(volume.depth(), Math.min(volume.height(), volume.width()));
        try (OmeZarrWriter w = new OmeZarrWriter(root, volume.depth(), volume.height(), volume.width(),
                volume.spacing(), volume.origin(), levelsFor(smallest, chunk), chunk, ChunkCodec.ZSTD, attributes)) {
            int slice = volume.height() * volume.width();
            for (int z = 0; z < volume.depth(); z++) {
                w.addSlice(java.util.Arrays.copyOfRange(volume.values(), z * slice, (z + 1) * slice));
            }
            w.commit();
        }
    }

    /** Appends the next full-resolution slice ({@code height × width}, row-major). */
    public void addSlice(float[] slice) {
        levels[0].add(slice, this, 0);
    }

    void pass(int level, float[] slice) {
        if (level < levels.length) {
            levels[level].add(slice, this, level);
        }
    }

    /** Writes what is buffered and moves the complete image to its destination name. */
    public void commit() {
        for (int i = 0; i < levels.length; i++) {
            levels[i].finish(this, i);
        }
        try {
            if (Files.exists(destination)) {
                throw new IllegalStateException("output " + destination + " appeared while writing; kept at " + root);
            }
            Files.move(root, destination, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        committed = true;
    }

    /** Without a commit, removes the partial image. */
    @Override
    public void close() {
        if (committed || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the partial image " + root, e);
        }
    }

    static void writeJson(Path p, Object value) throws IOException {
        Files.writeString(p, JSON.writeValueAsString(value));
    }

    /** One resolution level: buffers a chunk-deep slab, writes it, and feeds averaged slice pairs downward. */
    private static final class Level {
        private final Path dir;
        private final int depth;
        private final int height;
        private final int width;
        private final int chunk;
        private final float[] slab;
        private int slabCount;
        private int written;
        private float[] pendingForNext;
        private final ChunkCodec codec;

        Level(Path dir, int depth, int height, int width, int chunk, ChunkCodec codec) throws IOException {
            this.codec = codec;
            this.dir = dir;
            this.depth = depth;
            this.height = height;
            this.width = width;
            this.chunk = chunk;
            this.slab = new float[chunk * height * width];
            Files.createDirectories(dir);
            Map<String, Object> zarray = new LinkedHashMap<>();
            zarray.put("zarr_format", 2);
            zarray.put("shape", List.of(depth, height, width));
            zarray.put("chunks", List.of(Math.min(chunk, depth), Math.min(chunk, height), Math.min(chunk, width)));
            zarray.put("dtype", "<f4");
            zarray.put("compressor", codec.metadata());
            zarray.put("fill_value", 0.0);
            zarray.put("order", "C");
            zarray.put("filters", null);
            zarray.put("dimension_separator", "/");
            writeJson(dir.resolve(".zarray"), zarray);
        }

        void add(float[] slice, OmeZarrWriter writer, int level) {
            if (written + slabCount >= depth) {
                return;
            }
            System.arraycopy(slice, 0, slab, slabCount * height * width, height * width);
            slabCount++;
            if (slabCount == Math.min(chunk, depth)) {
                flush();
            }
            if (pendingForNext == null) {
                pendingForNext = slice.clone();
            } else {
                writer.pass(level + 1, downsample(pendingForNext, slice));
                pendingForNext = null;
            }
        }

        void finish(OmeZarrWriter writer, int level) {
            if (slabCount > 0) {
                flush();
            }
        }

        private float[] downsample(float[] a, float[] b) {
            int h2 = Math.max(1, height / 2);
            int w2 = Math.max(1, width / 2);
            float[] out = new float[h2 * w2];
            for (int y = 0; y < h2; y++) {
                for (int x = 0; x < w2; x++) {
                    int y0 = Math.min(2 * y, height - 1);
                    int y1 = Math.min(2 * y + 1, height - 1);
                    int x0 = Math.min(2 * x, width - 1);
                    int x1 = Math.min(2 * x + 1, width - 1);
                    out[y * w2 + x] = 0.125f * (a[y0 * width + x0] + a[y0 * width + x1] + a[y1 * width + x0]
                            + a[y1 * width + x1] + b[y0 * width + x0] + b[y0 * width + x1] + b[y1 * width + x0]
                            + b[y1 * width + x1]);
                }
            }
            return out;
        }

        private void flush() {
            int cz = Math.min(chunk, depth);
            int cy = Math.min(chunk, height);
            int cx = Math.min(chunk, width);
            int zIndex = written / cz;
            ByteBuffer raw = ByteBuffer.allocate(cz * cy * cx * 4).order(ByteOrder.LITTLE_ENDIAN);
            try {
                for (int yi = 0; yi * cy < height; yi++) {
                    for (int xi = 0; xi * cx < width; xi++) {
                        raw.clear();
                        // chunks are always full size; the part beyond the array edge is padding
                        for (int z = 0; z < cz; z++) {
                            for (int y = 0; y < cy; y++) {
                                for (int x = 0; x < cx; x++) {
                                    int gy = yi * cy + y;
                                    int gx = xi * cx + x;
                                    float v = z < slabCount && gy < height && gx < width
                                            ? slab[(z * height + gy) * width + gx] : 0f;
                                    raw.putFloat(v);
                                }
                            }
                        }
                        Path file = dir.resolve(Integer.toString(zIndex)).resolve(Integer.toString(yi))
                                .resolve(Integer.toString(xi));
                        Files.createDirectories(file.getParent());
                        Files.write(file, codec.encode(raw.array()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written += slabCount;
            slabCount = 0;
        }

    }
}
