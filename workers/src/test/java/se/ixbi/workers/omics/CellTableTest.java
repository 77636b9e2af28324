package se.ixbi.workers.omics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.ixbi.gpu.registration.Volume;

/**
 * Cell tables written by anndata and pandas (test resources {@code omics/}, made by its {@code make.py}): the same
 * six cells × four genes, counts {@code (3i + 2j) mod 7}, positions x = 10 + 5i, y = 20 − 2i µm.
 */
class CellTableTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CellTableTest.class.getResource("/omics/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cells-csr.h5ad", "cells-dense.h5ad", "cells.csv"})
    void readsAnnDataSparseAndDenseAndCsvAlike(String name) throws Exception {
        CellTable t = OmicsIngestHandler.read(fixture(name));
        assertThat(t.cells()).isEqualTo(6);
        assertThat(t.genes()).containsExactly("EPCAM", "PTPRC", "PECAM1", "COL1A1");
        assertThat(t.cellIds()).startsWith("cell-0", "cell-1");
        for (int i = 0; i < 6; i++) {
            assertThat(t.x()[i]).isEqualTo(10 + 5 * i);
            assertThat(t.y()[i]).isEqualTo(20 - 2 * i);
            for (int j = 0; j < 4; j++) {
                assertThat(t.values()[i][j]).as("%s cell %d gene %d", name, i, j).isEqualTo((3 * i + 2 * j) % 7);
            }
        }
    }

    @Test
    void theSectionImageIsReadAsScanpyKeepsItInGreyWithItsPixelSize() throws Exception {
        MorphologyImage image = AnnDataFile.image(fixture("cells-image.h5ad"));
        assertThat(image.source()).isEqualTo("uns/spatial/section-1/images/hires");
        assertThat(image.height()).isEqualTo(40);
        assertThat(image.width()).isEqualTo(50);
        // tissue_hires_scalef 0.5 image pixels per µm of obsm/spatial
        assertThat(image.pixelUm()).isEqualTo(2.0);
        for (int r = 0; r < 40; r += 7) {
            for (int c = 0; c < 50; c += 9) {
                double grey = 0.299 * ((3 * r + c) % 256) + 0.587 * ((r + 5 * c) % 256) + 0.114 * ((7 * (r + c)) % 256);
                assertThat((double) image.values()[r * 50 + c]).as("pixel %d, %d", r, c).isCloseTo(grey, within(1e-3));
            }
        }
        Volume section = image.asSection();
        assertThat(section.spacing()).containsExactly(2.0, 2.0, 2.0);
        assertThat(section.origin()).containsExactly(0.0, 0.0, 0.0);
        // the cells of the same file are read as before; a file without uns/spatial has no image
        assertThat(OmicsIngestHandler.read(fixture("cells-image.h5ad")).cells()).isEqualTo(6);
        assertThat(AnnDataFile.image(fixture("cells-dense.h5ad"))).isNull();
    }

    @Test
    void whatTheWriterWritesReadsBackCellsAndImage(@TempDir Path dir) throws Exception {
        CellTable cells = OmicsIngestHandler.read(fixture("cells-dense.h5ad"));
        float[] pixels = new float[3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 0.5f * i;
        }
        Path file = dir.resolve("written.h5ad");
        AnnDataWriter.write(file, cells, new MorphologyImage("demo", 3, 4, 0.25, pixels), "demo-section");

        CellTable back = OmicsIngestHandler.read(file);
        assertThat(back.cellIds()).containsExactly(cells.cellIds());
        assertThat(back.genes()).containsExactly(cells.genes());
        assertThat(back.x()).containsExactly(cells.x());
        assertThat(back.y()).containsExactly(cells.y());
        for (int i = 0; i < cells.cells(); i++) {
            assertThat(back.values()[i]).containsExactly(cells.values()[i]);
        }
        MorphologyImage image = AnnDataFile.image(file);
        assertThat(image.source()).isEqualTo("uns/spatial/demo-section/images/hires");
        assertThat(image.pixelUm()).isEqualTo(0.25);
        assertThat(image.values()).containsExactly(pixels);
    }

    @Test
    void aFileWithTwoSectionsIsRefusedByName() {
        assertThatThrownBy(() -> AnnDataFile.image(fixture("cells-two-libraries.h5ad")))
                .isInstanceOf(BadCellTableException.class)
                .hasMessageContaining("2 libraries").hasMessageContaining("section-1").hasMessageContaining("section-2");
    }

    @Test
    void qcDropsSparseCellsAndNormalisesTheRestToLogCountsPer10k() throws Exception {
        CellTable t = OmicsIngestHandler.read(fixture("cells.csv"));
        OmicsQc.Result r = new OmicsQc(10, 3).run(t);
        // cell 2: counts 6, 1, 3, 5 = 15 over 4 genes, kept; cell 4: 5, 0, 2, 4 = 11 over 3 genes, kept;
        // cell 0: 0, 2, 4, 6 = 12 over 3 genes, kept; a cell with under 10 counts or 3 genes is dropped
        for (int i = 0; i < r.kept().cells(); i++) {
            double total = 0;
            int genes = 0;
            for (float v : r.kept().values()[i]) {
                total += v;
                genes += v > 0 ? 1 : 0;
            }
            assertThat(total).isGreaterThanOrEqualTo(10);
            assertThat(genes).isGreaterThanOrEqualTo(3);
            for (int j = 0; j < 4; j++) {
                assertThat(r.normalised().values()[i][j]).isCloseTo(
                        (float) Math.log1p(r.kept().values()[i][j] / total * 1e4), within(1e-4f));
            }
        }
        int expected = 0;
        for (int i = 0; i < 6; i++) {
            int total = 0;
            int genes = 0;
            for (int j = 0; j < 4; j++) {
                total += (3 * i + 2 * j) % 7;
                genes += (3 * i + 2 * j) % 7 > 0 ? 1 : 0;
            }
            expected += total >= 10 && genes >= 3 ? 1 : 0;
        }
        assertThat(r.summary().cellsKept()).isEqualTo(expected).isLessThan(6);
        assertThat(r.summary().cellsIn()).isEqualTo(6);
    }

    @Test
    void theSectionImageHoldsTheCountsPerAreaPlacedInMicrometres() throws Exception {
        CellTable t = OmicsIngestHandler.read(fixture("cells.csv"));
        Volume image = SectionImage.render(t, 1.0, 40);
        assertThat(image.depth()).isEqualTo(1);
        assertThat(image.origin()).containsExactly(0, 10 - 40, 10 - 40);
        double total = 0;
        double counts = 0;
        double cy = 0;
        double cx = 0;
        for (int i = 0; i < t.cells(); i++) {
            for (float v : t.values()[i]) {
                counts += v;
                cy += v * t.y()[i];
                cx += v * t.x()[i];
            }
        }
        double iy = 0;
        double ix = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double v = image.at(0, y, x);
                total += v;
                iy += v * (image.origin()[1] + y);
                ix += v * (image.origin()[2] + x);
            }
        }
        // counts per µm² summed over the image give back the counts, centred where the counts are
        assertThat(total).isCloseTo(counts, within(0.02 * counts));
        assertThat(iy / total).isCloseTo(cy / counts, within(0.1));
        assertThat(ix / total).isCloseTo(cx / counts, within(0.1));
    }

    @Test
    void badTablesAreRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path wrongHeader = Files.writeString(dir.resolve("a.csv"), "id,x,y,EPCAM\nc,1,2,3\n");
        assertThatThrownBy(() -> OmicsIngestHandler.read(wrongHeader)).isInstanceOf(BadCellTableException.class)
                .hasMessageContaining("cell_id,x,y");
        Path negative = Files.writeString(dir.resolve("b.csv"), "cell_id,x,y,EPCAM\nc,1,2,-3\n");
        assertThatThrownBy(() -> OmicsIngestHandler.read(negative)).hasMessageContaining("line 2");
        Path shortRow = Files.writeString(dir.resolve("c.csv"), "cell_id,x,y,EPCAM,PTPRC\nc,1,2,3\n");
        assertThatThrownBy(() -> OmicsIngestHandler.read(shortRow)).hasMessageContaining("4 fields");
        Path notAnnData = dir.resolve("d.h5ad");
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(notAnnData)) {
            f.putDataset("X", new float[][] {{1, 2}});
        }
        assertThatThrownBy(() -> OmicsIngestHandler.read(notAnnData)).isInstanceOf(BadCellTableException.class)
                .hasMessageContaining("has no obs (");
    }
}
