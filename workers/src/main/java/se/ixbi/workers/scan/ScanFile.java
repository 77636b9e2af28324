package se.ixbi.workers.scan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.FixedPoint;

import se.ixbi.gpu.tomography.ProjectionSource;

/**
 * A tomography scan in the DXchange layout (TomoBank, TomoPy, tomocupy): {@code /exchange/data} (angles × rows ×
 * columns), {@code /exchange/data_white} and {@code /exchange/data_dark} (count × rows × columns) and
 * {@code /exchange/theta} (degrees). Opening checks that everything needed is there and consistent; projections are
 * then read one at a time, so the scan never has to fit in memory.
 */
public final class ScanFile implements ProjectionSource, AutoCloseable {

    public static final String DATA = "/exchange/data";
    public static final String FLATS = "/exchange/data_white";
    public static final String DARKS = "/exchange/data_dark";
    public static final String THETA = "/exchange/theta";

    private final Path path;
    private final HdfFile hdf;
    private final Dataset data;
    private final int angles;
    private final int rows;
    private final int cols;
    private final float[] thetaDegrees;
    private final boolean unsignedData;
    /** Null for a contiguous dataset, whose hyperslabs jHDF reads right. */
    private final ChunkedRegions chunks;

    private ScanFile(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
        this.data = dataset(DATA, 3);
        this.unsignedData = unsigned(data);
        // a quarter of the heap for decompressed chunks: a 512³ scan's 377 MB fits a worker's 3 GB
        this.chunks = data instanceof ChunkedDataset chunked
                ? new ChunkedRegions(chunked, Runtime.getRuntime().maxMemory() / 4) : null;
        int[] shape = data.getDimensions();
        this.angles = shape[0];
        this.rows = shape[1];
        this.cols = shape[2];
        for (String name : new String[] {FLATS, DARKS}) {
            int[] s = dataset(name, 3).getDimensions();
            if (s[1] != rows || s[2] != cols) {
                throw new BadScanException(name + " has frames of " + s[1] + " × " + s[2] + " but the projections in "
                        + DATA + " are " + rows + " × " + cols);
            }
            if (s[0] < 1) {
                throw new BadScanException(name + " holds no frame");
            }
        }
        Dataset theta = dataset(THETA, 1);
        if (theta.getDimensions()[0] != angles) {
            throw new BadScanException(THETA + " has " + theta.getDimensions()[0] + " angles but " + DATA + " has "
                    + angles + " projections");
        }
        this.thetaDegrees = toFloats(read(theta), unsigned(theta), "angle", THETA);
    }

    public static ScanFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BadScanException("no scan file at " + path);
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new BadScanException(path + " is not a readable HDF5 file (truncated or damaged?): " + e.getMessage(), e);
        }
        try {
            refuseTruncated(path, hdf);
            return new ScanFile(path, hdf);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    /**
     * A file cut short in transfer may still open, and then lacks whatever lay past the cut; the superblock records
     * where the file should end, which names the real problem.
     */
    private static void refuseTruncated(Path path, HdfFile hdf) {
        try (FileChannel channel = FileChannel.open(path)) {
            Superblock superblock = Superblock.readSuperblock(channel, hdf.getUserBlockSize());
            long end = superblock.getEndOfFileAddress();
            long size = channel.size();
            if (end > 0 && end != -1L && superblock.getBaseAddressByte() + end > size) {
                throw new BadScanException(path.getFileName() + " is truncated: it has " + size
                        + " bytes, its HDF5 superblock says " + (superblock.getBaseAddressByte() + end));
            }
        } catch (IOException e) {
            throw new BadScanException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof BadScanException) {
                throw e;
            }
            // no readable superblock: HdfFile opened it, so let the dataset checks say what is wrong
        }
    }

    private Dataset dataset(String name, int rank) {
        Node node;
        try {
            node = hdf.getByPath(name);
        } catch (RuntimeException e) {
            throw new BadScanException(path.getFileName() + " has no dataset " + name
                    + " (expected the DXchange layout: /exchange/data, data_white, data_dark, theta)");
        }
        if (!(node instanceof Dataset d)) {
            throw new BadScanException(name + " is not a dataset");
        }
        if (d.getDimensions().length != rank) {
            throw new BadScanException(name + " must have " + rank + " dimensions, has shape "
                    + Arrays.toString(d.getDimensions()));
        }
        return d;
    }

    private Object read(Dataset d) {
        try {
            return d.getData();
        } catch (RuntimeException e) {
            throw new BadScanException("cannot read " + d.getPath() + " (file truncated or damaged?): " + e.getMessage(), e);
        }
    }

    public int angles() {
        return angles;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float[] thetaDegrees() {
        return thetaDegrees.clone();
    }

    /** All flat (or dark) frames, {@code count × rows × cols}, and how many there are. */
    public Frames flats() {
        return frames(FLATS);
    }

    public Frames darks() {
        return frames(DARKS);
    }

    private Frames frames(String name) {
        Dataset d = dataset(name, 3);
        float[] values = toFloats(read(d), unsigned(d), "frame value", name);
        return new Frames(values, d.getDimensions()[0]);
    }

    /** Projection {@code index} as raw counts, {@code rows × cols}; NaN or infinite counts are refused. */
    public float[] projection(int index) {
        return projections(index, 1)[0];
    }

    /**
     * Projections {@code first} to {@code first + count - 1} as raw counts, each {@code rows × cols}, read as one
     * hyperslab: beamlines chunk {@code /exchange/data} across all angles (720 × 8 × 512), so a projection read
     * alone touches every chunk, and a block of them touches each once.
     */
    public float[][] projections(int first, int count) {
        if (first < 0 || count < 1 || first + count > angles) {
            throw new IllegalArgumentException("projections " + first + " to " + (first + count - 1)
                    + " are outside 0 to " + (angles - 1));
        }
        float[] all = region(first, count, 0, rows,
                "projections " + first + " to " + (first + count - 1));
        int size = rows * cols;
        float[][] each = new float[count][];
        for (int i = 0; i < count; i++) {
            each[i] = count == 1 ? all : Arrays.copyOfRange(all, i * size, (i + 1) * size);
            refuseNonFinite(each[i], "count in projection " + (first + i), DATA);
        }
        return each;
    }

    /**
     * Detector rows {@code rowFrom} to {@code rowFrom + rowCount - 1} of every projection as raw counts,
     * {@code angles × rowCount × cols}: a band of sinograms, read as beamlines chunk the data (all angles, a few
     * rows), so each chunk is read once.
     */
    public float[] band(int rowFrom, int rowCount) {
        if (rowFrom < 0 || rowCount < 1 || rowFrom + rowCount > rows) {
            throw new IllegalArgumentException("rows " + rowFrom + " to " + (rowFrom + rowCount - 1)
                    + " are outside 0 to " + (rows - 1));
        }
        float[] band = region(0, angles, rowFrom, rowCount, "rows " + rowFrom + " to " + (rowFrom + rowCount - 1));
        int perAngle = rowCount * cols;
        for (int i = 0; i < band.length; i++) {
            if (!Float.isFinite(band[i])) {
                throw new BadScanException(DATA + " contains " + band[i] + " (count in projection " + i / perAngle
                        + ", row " + (rowFrom + i % perAngle / cols) + ")");
            }
        }
        return band;
    }

    /** Angles {@code [a0, a0 + na)} × rows {@code [r0, r0 + nr)} × all columns of the data, as raw counts. */
    private float[] region(int a0, int na, int r0, int nr, String what) {
        if (chunks != null) {
            return chunks.read(a0, na, r0, nr);
        }
        Object slab;
        try {
            slab = data.getData(new long[] {a0, r0, 0}, new int[] {na, nr, cols});
        } catch (RuntimeException e) {
            throw new BadScanException("cannot read " + what + " of " + DATA + " (file truncated or damaged?): "
                    + e.getMessage(), e);
        }
        return flattened(slab, unsignedData, na * nr * cols);
    }

    /** The projections in order, read in blocks of about {@code blockBytes} of floats. */
    public Projections inOrder(long blockBytes) {
        return new Projections(this, (int) Math.max(1, Math.min(angles, blockBytes / (4L * rows * cols))));
    }

    @Override
    public void close() {
        hdf.close();
    }


    /** DXchange counts are usually unsigned 16-bit, which Java reads into signed shorts. */
    public static boolean unsigned(Dataset d) {
        return d.getDataType() instanceof FixedPoint f && !f.isSigned();
    }

    /** Flattens any numeric array of any rank into floats, refusing NaN and infinity. */
    public static float[] toFloats(Object array, boolean unsigned, String what, String dataset) {
        float[] out = flattened(array, unsigned, 1024);
        refuseNonFinite(out, what, dataset);
        return out;
    }

    private static float[] flattened(Object array, boolean unsigned, int expected) {
        FloatSink sink = new FloatSink(unsigned, expected);
        flatten(array, sink);
        return sink.toArray();
    }

    private static void refuseNonFinite(float[] values, String what, String dataset) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new BadScanException(dataset + " contains " + values[i] + " (" + what + ", element " + i + ")");
            }
        }
    }

    private static void flatten(Object array, FloatSink sink) {
        if (array instanceof float[] f) {
            sink.add(f);
        } else if (array instanceof double[] d) {
            for (double v : d) {
                sink.add((float) v);
            }
        } else if (array instanceof short[] s) {
            for (short v : s) {
                sink.add(sink.unsigned ? v & 0xFFFF : v);
            }
        } else if (array instanceof int[] ints) {
            for (int v : ints) {
                sink.add(v);
            }
        } else if (array instanceof long[] longs) {
            for (long v : longs) {
                sink.add(v);
            }
        } else if (array instanceof byte[] b) {
            for (byte v : b) {
                sink.add(sink.unsigned ? v & 0xFF : v);
            }
        } else if (array instanceof Object[] nested) {
            for (Object o : nested) {
                flatten(o, sink);
            }
        } else {
            throw new BadScanException("unsupported data type " + array.getClass().getSimpleName());
        }
    }

    private static final class FloatSink {
        private final boolean unsigned;
        private float[] values;
        private int size;

        FloatSink(boolean unsigned, int expected) {
            this.unsigned = unsigned;
            this.values = new float[Math.max(16, expected)];
        }

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void add(float[] v) {
            if (size + v.length > values.length) {
                values = Arrays.copyOf(values, Math.max(size * 2, size + v.length));
            }
            System.arraycopy(v, 0, values, size, v.length);
            size += v.length;
        }

        float[] toArray() {
            return size == values.length ? values : Arrays.copyOf(values, size);
        }
    }
}
