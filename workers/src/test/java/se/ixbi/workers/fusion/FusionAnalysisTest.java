package se.ixbi.workers.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.SpatialOmicsSection;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.InPlaneDeformation;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omics.CellTable;
import se.ixbi.workers.omics.OmicsQc;
import smile.validation.metric.AdjustedRandIndex;

/**
 * The cross-scale analysis on a phantom case with known answers: a section cut at an oblique plane and warped on its
 * slide (the warp a B-spline, stored as {@code registration.omics-to-xray} stores it), cells whose types follow the
 * phantom's regions, and a vEM block on the lesion the section passes through.
 */
class FusionAnalysisTest {

    private static final double VOXEL = 0.65;
    private static final int N = 96;

    static TissuePhantom phantom;
    static CorrelativeSet set;
    static SpatialOmicsSection section;
    static CellTable cells;
    static AffineTransform plane;
    static InPlaneDeformation warp;
    static Volume xray;

    @BeforeAll
    static void cutTheCase() {
        phantom = TissuePhantom.biopsy(N, 7);
        set = new CorrelativeSet(phantom, VOXEL);
        double half = (N - 1) / 2.0;
        double planeZ = (phantom.lesion()[0] + half) * VOXEL;
        double[] centre = {planeZ, half * VOXEL, half * VOXEL};
        // tilted 8° and 5° out of the slice, turned 20° on the slide
        plane = AffineTransform.rotation(Math.toRadians(8), Math.toRadians(5), Math.toRadians(20), centre)
                .after(AffineTransform.translation(planeZ, 0, 0));
        warp = new InPlaneDeformation(new double[] {0, 0}, new double[] {N * VOXEL, N * VOXEL}, 6);
        double[] c = new double[warp.parameterCount()];
        for (int i = 0; i < c.length; i++) {
            c[i] = 1.5 * Math.sin(0.7 * i);
        }
        warp.setCoefficients(c);
        section = SpatialOmicsSection.cut(set, plane, warp::at, N * VOXEL, 50, 40, 5);
        int n = section.y().length;
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "cell-" + i;
        }
        cells = new OmicsQc(10, 3).run(new CellTable(ids, section.genes(), section.x(), section.y(),
                section.counts())).normalised();
        xray = set.xray(0.02, 3);
    }

    @Test
    void cellsAreTypedGroupedIntoNichesAndPlacedWhereThePhantomHasTheirRegion(@TempDir Path dir) throws Exception {
        assertThat(cells.cells()).isEqualTo(section.y().length);
        FusionAnalysis analysis = FusionAnalysis.run(xray, cells, placement(dir), null, null, FusionSettings.DEFAULTS);

        FusionAnalysis.Omics o = analysis.omics();
        double typeAri = AdjustedRandIndex.of(section.type(), o.types().types());
        int[] regions = new int[cells.cells()];
        for (int i = 0; i < regions.length; i++) {
            regions[i] = section.region()[i].ordinal();
        }
        double nicheAri = AdjustedRandIndex.of(regions, o.niches().niches());
        System.out.printf("fusion: %d cells, %d types (ARI %.3f), %d niches (ARI vs regions %.3f)%n%s%n",
                cells.cells(), o.types().count(), typeAri, o.niches().count(), nicheAri, analysis.summary());
        assertThat(o.types().count()).isEqualTo(SpatialOmicsSection.TYPES.length);
        assertThat(typeAri).isGreaterThan(0.95);
        assertThat(nicheAri).isGreaterThan(0.7);
        // through the stored transform every cell lands in the phantom region it was drawn from
        double half = (N - 1) / 2.0;
        int agree = 0;
        for (int i = 0; i < regions.length; i++) {
            double[] p = o.xrayPositions()[i];
            TissuePhantom.Region r = phantom.regionAt(p[0] / VOXEL - half, p[1] / VOXEL - half, p[2] / VOXEL - half);
            agree += r == section.region()[i] ? 1 : 0;
        }
        assertThat(agree).isEqualTo(regions.length);
        // the tumour niche is denser in the X-ray volume than the stroma's
        double tumourDensity = 0;
        double stromaDensity = 0;
        for (var n : o.morphometry()) {
            int tumourType = majorityType(o.types().types(), 0);
            if (n.composition()[tumourType] > 0.5) {
                tumourDensity = n.xray().densityMean();
            } else if (n.cells() > cells.cells() / 2) {
                stromaDensity = n.xray().densityMean();
            }
        }
        assertThat(tumourDensity).isGreaterThan(stromaDensity + 0.2);
        assertThat(analysis.summary()).contains(cells.cells() + " cells in 4 cell types")
                .contains(o.niches().count() + " niches");

        analysis.writeTablesAndFigures(dir);
        List<String> table = Files.readAllLines(dir.resolve("cells.csv"));
        assertThat(table).hasSize(cells.cells() + 1);
        assertThat(table.get(0)).isEqualTo("cell_id,x_um,y_um,type,niche,xray_z_um,xray_y_um,xray_x_um");
        String[] first = table.get(1).split(",");
        assertThat(Double.parseDouble(first[5])).isCloseTo(o.xrayPositions()[0][0], within(0.001));
        for (String png : List.of("cell-types.png", "niches.png", "niches-on-xray.png", "niche-composition.png")) {
            BufferedImage image = ImageIO.read(dir.resolve("figures").resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1020);
        }
        // the overlay shows the X-ray in grey under the cells and every niche's colour
        BufferedImage overlay = ImageIO.read(dir.resolve("figures/niches-on-xray.png").toFile());
        Set<Integer> colours = new HashSet<>();
        int grey = 0;
        for (int y = 40; y < 680; y++) {
            for (int x = 40; x < 680; x++) {
                int rgb = overlay.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                grey += r == g && g == b && r > 60 ? 1 : 0;
            }
        }
        assertThat(grey).isGreaterThan(640 * 640 / 10);
        for (int niche = 0; niche < o.niches().count(); niche++) {
            assertThat(colours).contains(FindingsFigures.colour(niche).getRGB() & 0xFFFFFF);
        }
    }

    @Test
    void aVemBlockOnTheLesionMeasuresTheCellsItHolds(@TempDir Path dir) throws Exception {
        double half = (N - 1) / 2.0;
        double[] lesion = phantom.lesion();
        double vemVoxel = VOXEL / 8;
        int[] shape = {48, 96, 96};
        // centred where the section passes through the lesion's centre line
        double[] target = plane.apply(new double[] {0, (lesion[1] + half) * VOXEL, (lesion[2] + half) * VOXEL});
        AffineTransform vemToXray = AffineTransform.translation(target[0] - 24 * vemVoxel, target[1] - 48 * vemVoxel,
                target[2] - 48 * vemVoxel);
        Volume vem = set.vem(shape, 8, vemToXray, 0.01, 4);

        FusionAnalysis analysis = FusionAnalysis.run(xray, cells, placement(dir), vem, vemToXray,
                FusionSettings.DEFAULTS);

        int inBlock = 0;
        for (double[] p : analysis.omics().xrayPositions()) {
            double[] q = vemToXray.inverse().apply(p);
            boolean in = true;
            for (int a = 0; a < 3; a++) {
                in &= q[a] >= -0.5 * vemVoxel && q[a] <= (shape[a] - 0.5) * vemVoxel;
            }
            inBlock += in ? 1 : 0;
        }
        int measured = 0;
        for (var n : analysis.omics().morphometry()) {
            measured += n.vem() == null ? 0 : n.vem().cells();
        }
        assertThat(inBlock).isGreaterThan(5);
        assertThat(measured).isEqualTo(inBlock);
        assertThat(analysis.summary()).contains(inBlock + " omics cells lie in it");
        @SuppressWarnings("unchecked")
        Map<String, Object> place = (Map<String, Object>) analysis.findings().get("vem");
        double[] centre = (double[]) place.get("centreInXrayUm");
        double[] expected = vemToXray.apply(vem.centre());
        for (int a = 0; a < 3; a++) {
            assertThat(centre[a]).isCloseTo(expected[a], within(1e-9));
        }
    }

    @Test
    void withoutOmicsTheFindingsDescribeTheXrayTissueAlone() {
        FusionAnalysis analysis = FusionAnalysis.run(xray, null, null, null, null, FusionSettings.DEFAULTS);
        assertThat(analysis.omics()).isNull();
        assertThat(analysis.summary()).startsWith("X-ray: 59,").contains(" µm³ of tissue").contains("No spatial omics");
        @SuppressWarnings("unchecked")
        Map<String, Object> x = (Map<String, Object>) analysis.findings().get("xray");
        // the phantom's core: an ellipsoid of semi-axes 0.4 n, 0.32 n and 0.46 n voxels of 0.65 µm
        double expected = 4 * Math.PI / 3 * (0.4 * N) * (0.32 * N) * (0.46 * N) * Math.pow(VOXEL, 3) / 1e9;
        assertThat((Double) x.get("tissueVolumeMm3")).isCloseTo(expected, within(0.03 * expected));
        assertThatThrownBy(() -> FusionAnalysis.run(xray, cells, null, null, null, FusionSettings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registration");
    }

    @Test
    void aSupervisedOnnxModelNamesTheTypesItWasTrainedFor(@TempDir Path dir) throws Exception {
        // a linear model of the kind a lab would train: each type's score is the sum of its ten marker genes; it reads
        // its genes by name, in its own order (reversed here), and one it names is missing from the table
        String[] genes = new String[section.genes().length + 1];
        for (int g = 0; g < section.genes().length; g++) {
            genes[g] = section.genes()[section.genes().length - 1 - g];
        }
        genes[genes.length - 1] = "NOT-MEASURED";
        String[] labels = SpatialOmicsSection.TYPES;
        float[][] weights = new float[genes.length][labels.length];
        for (int g = 0; g < genes.length; g++) {
            for (int t = 0; t < labels.length; t++) {
                weights[g][t] = genes[g].startsWith(labels[t] + "-") ? 1 : 0;
            }
        }
        Path model = dir.resolve("cell-types.onnx");
        LinearOnnxModel.write(model, genes, labels, weights, new float[labels.length]);

        FusionAnalysis analysis = FusionAnalysis.run(xray, cells, placement(dir), null, null,
                FusionSettings.DEFAULTS.withModel(model, "test"));

        FusionAnalysis.Omics o = analysis.omics();
        assertThat(o.labels()).containsExactly(labels);
        int agree = 0;
        for (int i = 0; i < cells.cells(); i++) {
            agree += o.types().types()[i] == section.type()[i] ? 1 : 0;
        }
        System.out.printf("ONNX cell types: %d of %d cells as drawn%n", agree, cells.cells());
        // the model's own numbering: type k is labels[k], and every cell gets the type it was drawn as
        assertThat(agree).isEqualTo(cells.cells());
        assertThat(analysis.summary()).contains("(the supervised model's)").contains("T1 tumour (tumour-");

        // a model that reads genes this table does not have is refused by name
        Path other = dir.resolve("other.onnx");
        LinearOnnxModel.write(other, new String[] {"A", "B", "C"}, new String[] {"x", "y"}, new float[3][2],
                new float[2]);
        assertThatThrownBy(() -> FusionAnalysis.run(xray, cells, placement(dir), null, null,
                FusionSettings.DEFAULTS.withModel(other, "other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 0 of the 3 genes");
    }

    /** The section's transform as registration.omics-to-xray writes it, read back. */
    private static SectionPlacement placement(Path dir) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("affine", plane.toMatrix4());
        json.put("inPlaneDeformation", Map.of("nodes", warp.nodes(), "gridOriginUm", warp.gridOriginUm(),
                "gridSpacingUm", warp.gridSpacingUm(), "coefficients", warp.coefficients()));
        Path file = dir.resolve("omics.transform.json");
        new ObjectMapper().writeValue(file.toFile(), json);
        return SectionPlacement.read(file);
    }

    /** The found type most of the true type's cells have. */
    private static int majorityType(int[] found, int trueType) {
        int[] votes = new int[64];
        for (int i = 0; i < found.length; i++) {
            if (section.type()[i] == trueType) {
                votes[found[i]]++;
            }
        }
        int best = 0;
        for (int t = 1; t < votes.length; t++) {
            best = votes[t] > votes[best] ? t : best;
        }
        return best;
    }
}
