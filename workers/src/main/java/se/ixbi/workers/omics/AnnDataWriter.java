package se.ixbi.workers.omics;

import java.nio.file.Path;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;

/**
 * Writes cells (and the section's image) as an AnnData {@code .h5ad} in anndata's own encoding — dense {@code X},
 * {@code obs}/{@code var} dataframes with their total counts, {@code obsm/spatial} in µm, the image under {@code uns/spatial/<library>} as
 * scanpy keeps it — so that tests upload what an instrument's export would (anndata 0.8 reads it back).
 */
final class AnnDataWriter {

    private AnnDataWriter() {
    }

    /** @param image the section's grey image, or null; @param library its name under {@code uns/spatial} */
    public static void write(Path path, CellTable cells, MorphologyImage image, String library) {
        try (WritableHdfFile f = HdfFile.write(path)) {
            encoding(f, "anndata", "0.1.0");
            encoding(f.putDataset("X", cells.values()), "array", "0.2.0");
            double[] perCell = new double[cells.cells()];
            double[] perGene = new double[cells.genes().length];
            for (int i = 0; i < cells.cells(); i++) {
                for (int g = 0; g < perGene.length; g++) {
                    perCell[i] += cells.values()[i][g];
                    perGene[g] += cells.values()[i][g];
                }
            }
            frame(f.putGroup("obs"), cells.cellIds(), perCell);
            frame(f.putGroup("var"), cells.genes(), perGene);
            double[][] spatial = new double[cells.cells()][];
            for (int i = 0; i < spatial.length; i++) {
                spatial[i] = new double[] {cells.x()[i], cells.y()[i]};
            }
            WritableGroup obsm = f.putGroup("obsm");
            encoding(obsm, "dict", "0.1.0");
            encoding(obsm.putDataset("spatial", spatial), "array", "0.2.0");
            WritableGroup uns = f.putGroup("uns");
            encoding(uns, "dict", "0.1.0");
            if (image != null) {
                WritableGroup spatialGroup = uns.putGroup("spatial");
                encoding(spatialGroup, "dict", "0.1.0");
                WritableGroup lib = spatialGroup.putGroup(library);
                encoding(lib, "dict", "0.1.0");
                WritableGroup images = lib.putGroup("images");
                encoding(images, "dict", "0.1.0");
                float[][] rows = new float[image.height()][image.width()];
                for (int r = 0; r < image.height(); r++) {
                    System.arraycopy(image.values(), r * image.width(), rows[r], 0, image.width());
                }
                encoding(images.putDataset("hires", rows), "array", "0.2.0");
                WritableGroup scale = lib.putGroup("scalefactors");
                encoding(scale, "dict", "0.1.0");
                // image pixels per µm of obsm/spatial
                scale.putDataset("tissue_hires_scalef", new double[] {1 / image.pixelUm()});
            }
        }
    }

    /** A dataframe with its index and one column, {@code total_counts} (anndata needs a column order, jhdf cannot write an empty one). */
    private static void frame(WritableGroup group, String[] index, double[] totalCounts) {
        encoding(group, "dataframe", "0.2.0");
        group.putAttribute("_index", "_index");
        group.putAttribute("column-order", new String[] {"total_counts"});
        WritableDataset ids = group.putDataset("_index", index);
        encoding(ids, "string-array", "0.2.0");
        encoding(group.putDataset("total_counts", totalCounts), "array", "0.2.0");
    }

    private static <T extends WritableNode> T encoding(T node, String type, String version) {
        node.putAttribute("encoding-type", type);
        node.putAttribute("encoding-version", version);
        return node;
    }
}
