package se.ixbi.workers.omics;

import java.nio.file.Path;
import java.util.Arrays;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Reads an AnnData {@code .h5ad} file (anndata's on-disk format, as scanpy, squidpy and the instruments' exports
 * write it): {@code X} dense or CSR/CSC sparse (cells × genes), {@code obs/_index} the cell ids, {@code var/_index}
 * the gene names, {@code obsm/spatial} the positions (x, y in micrometres). Anything missing or inconsistent is a
 * {@link BadCellTableException} naming it. The section's image, where the file carries one, is read as scanpy and squidpy
 * keep it ({@link #image}).
 */
public final class AnnDataFile {

    static final long MAX_IMAGE_PIXELS = 64L << 20;

    private AnnDataFile() {
    }

    public static CellTable read(Path path) {
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new BadCellTableException(path.getFileName() + " is not a readable HDF5/AnnData file: " + e.getMessage(), e);
        }
        try (hdf) {
            String[] cells = strings(hdf, index(hdf, "obs", path), path);
            String[] genes = strings(hdf, index(hdf, "var", path), path);
            float[][] values = matrix(hdf, cells.length, genes.length, path);
            double[][] spatial = spatial(hdf, cells.length, path);
            double[] x = new double[cells.length];
            double[] y = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                x[i] = spatial[i][0];
                y[i] = spatial[i][1];
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new BadCellTableException("obsm/spatial of cell " + cells[i] + " is not finite");
                }
            }
            return new CellTable(cells, genes, x, y, values);
        } catch (BadCellTableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadCellTableException(path.getFileName() + " is not a valid AnnData file: " + e.getMessage(), e);
        }
    }

    /**
     * The section's image from {@code uns/spatial/<library>/images/hires} (or {@code lowres}), scaled by
     * {@code scalefactors/tissue_hires_scalef} (image pixels per unit of {@code obsm/spatial}, here per µm) — scanpy's
     * layout for Visium, which squidpy and the instruments' converters follow; colour images in grey (luminance).
     * Null when the file has no {@code uns/spatial}.
     */
    public static MorphologyImage image(Path path) {
        try (HdfFile hdf = new HdfFile(path)) {
            Node spatial;
            try {
                spatial = hdf.getByPath("uns/spatial");
            } catch (RuntimeException e) {
                return null;
            }
            if (!(spatial instanceof Group libraries) || libraries.getChildren().isEmpty()) {
                throw new BadCellTableException("uns/spatial must hold one library (a group with images and"
                        + " scalefactors)");
            }
            if (libraries.getChildren().size() > 1) {
                throw new BadCellTableException("uns/spatial holds " + libraries.getChildren().size() + " libraries "
                        + libraries.getChildren().keySet() + ": upload one section per file");
            }
            String library = libraries.getChildren().keySet().iterator().next();
            for (String resolution : new String[] {"hires", "lowres"}) {
                String name = "uns/spatial/" + library + "/images/" + resolution;
                Node image;
                try {
                    image = hdf.getByPath(name);
                } catch (RuntimeException e) {
                    continue;
                }
                double scale = scalar(hdf, "uns/spatial/" + library + "/scalefactors/tissue_" + resolution + "_scalef",
                        path);
                return grey((Dataset) image, name, 1 / scale);
            }
            throw new BadCellTableException("uns/spatial/" + library + " has no images/hires or images/lowres");
        } catch (BadCellTableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadCellTableException(path.getFileName() + ": the section image in uns/spatial cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static double scalar(HdfFile hdf, String name, Path path) {
        Object value = node(hdf, name, path) instanceof Dataset d ? d.getData() : null;
        if (value != null && value.getClass().isArray() && java.lang.reflect.Array.getLength(value) == 1) {
            value = java.lang.reflect.Array.get(value, 0);
        }
        if (!(value instanceof Number n) || !(n.doubleValue() > 0)) {
            throw new BadCellTableException(name + " must be a positive number (image pixels per µm of obsm/spatial)");
        }
        return n.doubleValue();
    }

    private static MorphologyImage grey(Dataset d, String name, double pixelUm) {
        int[] shape = d.getDimensions();
        if (shape.length != 2 && !(shape.length == 3 && (shape[2] == 1 || shape[2] == 3 || shape[2] == 4))) {
            throw new BadCellTableException(name + " must be height × width (grey) or height × width × 3 (colour), has"
                    + " shape " + Arrays.toString(shape));
        }
        Object flat = d.getDataFlat();
        boolean bytes = flat instanceof byte[];
        int channels = shape.length == 2 ? 1 : shape[2];
        if ((long) shape[0] * shape[1] > MAX_IMAGE_PIXELS) {
            throw new BadCellTableException(name + " has " + shape[0] + " × " + shape[1] + " pixels; at most "
                    + MAX_IMAGE_PIXELS + " are read (scanpy's hires image is about 2000 a side)");
        }
        int pixels = shape[0] * shape[1];
        float[] out = new float[pixels];
        double[] weight = channels >= 3 ? new double[] {0.299, 0.587, 0.114} : new double[] {1};
        for (int p = 0; p < pixels; p++) {
            double v = 0;
            for (int c = 0; c < weight.length; c++) {
                Object value = java.lang.reflect.Array.get(flat, p * channels + c);
                // images are unsigned: 8-bit values arrive as Java's signed bytes
                double x = bytes ? ((Byte) value) & 0xFF : ((Number) value).doubleValue();
                v += weight[c] * x;
            }
            if (!Double.isFinite(v)) {
                throw new BadCellTableException(name + " has a value that is not finite at pixel " + p);
            }
            out[p] = (float) v;
        }
        return new MorphologyImage(name, shape[0], shape[1], pixelUm, out);
    }

    private static Node node(HdfFile hdf, String name, Path path) {
        try {
            return hdf.getByPath(name);
        } catch (RuntimeException e) {
            throw new BadCellTableException(path.getFileName() + " has no " + name + " (an AnnData file needs X, obs, var"
                    + " and obsm/spatial)");
        }
    }

    /** A dataframe's index column: named by the group's {@code _index} attribute (anndata keeps a named index so). */
    private static String index(HdfFile hdf, String frame, Path path) {
        String name = attribute(node(hdf, frame, path), "_index");
        return frame + "/" + (name == null ? "_index" : name);
    }

    private static String[] strings(HdfFile hdf, String name, Path path) {
        if (!(node(hdf, name, path) instanceof Dataset d) || !(d.getData() instanceof String[] values)) {
            throw new BadCellTableException(name + " must be an array of strings");
        }
        return values;
    }

    private static double[][] spatial(HdfFile hdf, int cells, Path path) {
        if (!(node(hdf, "obsm/spatial", path) instanceof Dataset d)) {
            throw new BadCellTableException("obsm/spatial must be a cells × 2 array of positions");
        }
        int[] shape = d.getDimensions();
        if (shape.length != 2 || shape[0] != cells || shape[1] < 2) {
            throw new BadCellTableException("obsm/spatial must be " + cells + " × 2 (x, y in µm), has shape "
                    + Arrays.toString(shape));
        }
        Object data = d.getData();
        double[][] out = new double[cells][2];
        for (int i = 0; i < cells; i++) {
            Object row = java.lang.reflect.Array.get(data, i);
            out[i][0] = ((Number) java.lang.reflect.Array.get(row, 0)).doubleValue();
            out[i][1] = ((Number) java.lang.reflect.Array.get(row, 1)).doubleValue();
        }
        return out;
    }

    private static float[][] matrix(HdfFile hdf, int cells, int genes, Path path) {
        Node x = node(hdf, "X", path);
        float[][] out = new float[cells][genes];
        if (x instanceof Dataset d) {
            int[] shape = d.getDimensions();
            if (shape.length != 2 || shape[0] != cells || shape[1] != genes) {
                throw new BadCellTableException("X must be " + cells + " cells × " + genes + " genes, has shape "
                        + Arrays.toString(shape));
            }
            Object data = d.getData();
            for (int i = 0; i < cells; i++) {
                Object row = java.lang.reflect.Array.get(data, i);
                for (int j = 0; j < genes; j++) {
                    out[i][j] = ((Number) java.lang.reflect.Array.get(row, j)).floatValue();
                }
            }
            return out;
        }
        Group g = (Group) x;
        String encoding = attribute(g, "encoding-type");
        boolean csr = "csr_matrix".equals(encoding);
        if (!csr && !"csc_matrix".equals(encoding)) {
            throw new BadCellTableException("X is a group of encoding '" + encoding + "'; dense, csr_matrix or csc_matrix"
                    + " are read");
        }
        float[] data = floats(((Dataset) g.getChild("data")).getData());
        long[] indices = longs(((Dataset) g.getChild("indices")).getData());
        long[] indptr = longs(((Dataset) g.getChild("indptr")).getData());
        int major = csr ? cells : genes;
        int minor = csr ? genes : cells;
        if (indptr.length != major + 1 || indptr[major] != data.length || indices.length != data.length) {
            throw new BadCellTableException("X's sparse arrays disagree: indptr " + indptr.length + ", indices "
                    + indices.length + ", data " + data.length + " for " + cells + " × " + genes);
        }
        for (int a = 0; a < major; a++) {
            for (long k = indptr[a]; k < indptr[a + 1]; k++) {
                int b = (int) indices[(int) k];
                if (b < 0 || b >= minor) {
                    throw new BadCellTableException("X has an index " + b + " outside 0…" + (minor - 1));
                }
                if (csr) {
                    out[a][b] = data[(int) k];
                } else {
                    out[b][a] = data[(int) k];
                }
            }
        }
        return out;
    }

    private static String attribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        return a == null ? null : String.valueOf(a.getData());
    }

    private static float[] floats(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) java.lang.reflect.Array.get(array, i)).floatValue();
        }
        return out;
    }

    private static long[] longs(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) java.lang.reflect.Array.get(array, i)).longValue();
        }
        return out;
    }
}
