package se.ixbi.workers.fusion;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import se.ixbi.gpu.analysis.CellTyping;
import se.ixbi.gpu.analysis.NicheMorphometry;
import se.ixbi.gpu.analysis.Niches;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.gpu.threshold.Otsu;
import se.ixbi.workers.omics.CellTable;

/**
 * The cross-scale analysis of one case: cell types from the omics cells' expression, niches from their
 * neighbourhoods, every cell placed in the X-ray volume through the section's registration, and each niche measured
 * there and, where the vEM block reaches, in the block ({@link NicheMorphometry}). Without omics, the X-ray tissue
 * and the vEM block's place in it. The result writes itself as findings JSON, a cell table and PNG figures.
 */
final class FusionAnalysis {

    static final String[] XRAY_CLASSES = {"loose", "ordinary", "dense"};

    /** The omics part; null members where the study did not run. */
    record Omics(CellTable cells, CellTyping.Result types, String[] labels, Niches.Result niches,
            double[][] xrayPositions, List<NicheMorphometry.Niche> morphometry) {
    }

    private final Map<String, Object> findings;
    private final String summary;
    private final Omics omics;
    private final SectionPlacement placement;
    private final Volume xray;

    private FusionAnalysis(Map<String, Object> findings, String summary, Omics omics, SectionPlacement placement,
            Volume xray) {
        this.findings = findings;
        this.summary = summary;
        this.omics = omics;
        this.placement = placement;
        this.xray = xray;
    }

    /**
     * @param cells     normalised omics cells, or null; @param placement their section's registration, or null
     * @param vem       the aligned vEM block, or null; @param vemToXray its registration (fixed vEM → moving X-ray)
     */
    static FusionAnalysis run(Volume xray, CellTable cells, SectionPlacement placement, Volume vem,
            AffineTransform vemToXray, FusionSettings settings) {
        if ((cells == null) != (placement == null)) {
            throw new IllegalArgumentException("omics cells need their section's registration, and the other way");
        }
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("settings", settings);
        findings.put("xray", xrayTissue(xray));
        List<String> lines = new ArrayList<>();
        Omics omics = null;
        if (cells != null) {
            omics = omics(xray, cells, placement, vem, vemToXray, settings);
            findings.put("cellTypes", typeTable(omics));
            findings.put("niches", nicheTable(omics));
            lines.addAll(omicsLines(omics));
        } else {
            lines.add("No spatial omics in this case: no cell types or niches.");
        }
        if (vem != null) {
            findings.put("vem", vemPlace(xray, vem, vemToXray));
            lines.add(vemLine(xray, vem, vemToXray, omics));
        }
        lines.add(0, xrayLine(xray));
        return new FusionAnalysis(findings, String.join("\n", lines), omics, placement, xray);
    }

    String summary() {
        return summary;
    }

    Map<String, Object> findings() {
        return findings;
    }

    Omics omics() {
        return omics;
    }

    /** The figures {@link #writeTablesAndFigures} draws, by file name, with their captions. */
    static final Map<String, String> FIGURES = figures();

    private static Map<String, String> figures() {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("cell-types.png", "Cell types on the section");
        f.put("niches.png", "Niches on the section");
        f.put("niches-on-xray.png", "Niches on the X-ray volume along the section's plane");
        f.put("niche-composition.png", "Cell types in each niche");
        return java.util.Collections.unmodifiableMap(f);
    }

    /** findings.json is written by the caller (it adds inputs and provenance); this writes the table and figures. */
    void writeTablesAndFigures(Path dir) throws IOException {
        if (omics == null) {
            return;
        }
        Path figures = Files.createDirectories(dir.resolve("figures"));
        CellTable c = omics.cells();
        int[] types = omics.types().types();
        int[] niches = omics.niches().niches();
        try (Writer w = Files.newBufferedWriter(dir.resolve("cells.csv"), StandardCharsets.UTF_8)) {
            w.write("cell_id,x_um,y_um,type,niche,xray_z_um,xray_y_um,xray_x_um\n");
            for (int i = 0; i < c.cells(); i++) {
                double[] p = omics.xrayPositions()[i];
                w.write(String.format(Locale.ROOT, "%s,%.3f,%.3f,T%d,N%d,%.3f,%.3f,%.3f%n", c.cellIds()[i], c.x()[i],
                        c.y()[i], types[i] + 1, niches[i] + 1, p[0], p[1], p[2]));
            }
        }
        List<String> typeNames = typeNames(omics);
        List<String> nicheNames = new ArrayList<>();
        for (int n = 0; n < omics.niches().count(); n++) {
            nicheNames.add(String.format(Locale.ROOT, "N%d  %d cells", n + 1, omics.niches().sizes()[n]));
        }
        FindingsFigures.cellMap(c.y(), c.x(), types, typeNames, FIGURES.get("cell-types.png"),
                figures.resolve("cell-types.png"));
        FindingsFigures.cellMap(c.y(), c.x(), niches, nicheNames, FIGURES.get("niches.png"),
                figures.resolve("niches.png"));
        FindingsFigures.onXray(c.y(), c.x(), niches, nicheNames, placement, xray,
                FIGURES.get("niches-on-xray.png"), figures.resolve("niches-on-xray.png"));
        List<String> bars = new ArrayList<>();
        for (int n = 0; n < omics.niches().count(); n++) {
            bars.add("N" + (n + 1));
        }
        FindingsFigures.composition(omics.niches().composition(), bars, typeNames,
                FIGURES.get("niche-composition.png"), figures.resolve("niche-composition.png"));
    }

    private static Omics omics(Volume xray, CellTable cells, SectionPlacement placement, Volume vem,
            AffineTransform vemToXray, FusionSettings s) {
        CellTyping.Result types;
        String[] labels = null;
        if (s.cellTypeModel() != null) {
            OnnxCellTypes.Prediction p = OnnxCellTypes.predict(s.cellTypeModel(), cells);
            types = CellTyping.describe(cells.values(), cells.genes(), p.types(), p.labels().length);
            labels = p.labels();
        } else {
            types = CellTyping.find(cells.values(), cells.genes(), s.maxTypes(), s.types(), s.seed());
        }
        Niches.Result niches = Niches.find(cells.y(), cells.x(), types.types(), types.count(), s.neighbours(),
                s.maxNiches(), s.niches(), s.seed());
        double[][] positions = new double[cells.cells()][];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = placement.toXray(cells.y()[i], cells.x()[i]);
        }
        List<NicheMorphometry.Niche> morphometry = NicheMorphometry.measure(niches, types.types(), types.count(),
                cells.y(), cells.x(), positions, xray, vem, vemToXray == null ? null : vemToXray.inverse());
        return new Omics(cells, types, labels, niches, positions, morphometry);
    }

    /** "T1  marker, marker, marker", or with a model's label "T1 tumour  marker, …". */
    static List<String> typeNames(Omics o) {
        List<String> names = new ArrayList<>();
        for (int t = 0; t < o.types().count(); t++) {
            List<String> genes = o.types().markers().get(t).stream().map(CellTyping.Marker::gene).toList();
            names.add("T" + (t + 1) + (o.labels() == null ? "" : " " + o.labels()[t]) + "  " + String.join(", ", genes));
        }
        return names;
    }

    private static List<Map<String, Object>> typeTable(Omics o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int t = 0; t < o.types().count(); t++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "T" + (t + 1));
            if (o.labels() != null) {
                m.put("label", o.labels()[t]);
            }
            m.put("cells", o.types().sizes()[t]);
            m.put("markers", o.types().markers().get(t));
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> nicheTable(Omics o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NicheMorphometry.Niche n : o.morphometry()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("niche", "N" + (n.niche() + 1));
            m.put("cells", n.cells());
            Map<String, Double> mix = new LinkedHashMap<>();
            for (int t = 0; t < n.composition().length; t++) {
                mix.put("T" + (t + 1), round(n.composition()[t]));
            }
            m.put("composition", mix);
            m.put("cellSpacingUm", round(n.spacingUm()));
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("cellsInside", n.xray().cellsInside());
            x.put("densityMean", round(n.xray().densityMean()));
            x.put("densitySd", round(n.xray().densitySd()));
            x.put("heterogeneity", round(n.xray().heterogeneity()));
            Map<String, Double> classes = new LinkedHashMap<>();
            for (int c = 0; c < 3; c++) {
                classes.put(XRAY_CLASSES[c], round(n.xray().classFractions()[c]));
            }
            x.put("tissueClasses", classes);
            m.put("xray", x);
            if (n.vem() != null) {
                m.put("vem", Map.of("cells", n.vem().cells(), "signalMean", round(n.vem().signalMean()),
                        "aboveOtsuFraction", round(n.vem().aboveOtsuFraction())));
            }
            out.add(m);
        }
        return out;
    }

    private static List<String> omicsLines(Omics o) {
        List<String> lines = new ArrayList<>();
        CellTyping.Result t = o.types();
        lines.add(o.labels() == null ? String.format(Locale.ROOT, "Spatial omics: %d cells in %d cell types (%d"
                + " principal components of %d genes).", o.cells().cells(), t.count(), t.components(), t.genesUsed())
                : String.format(Locale.ROOT, "Spatial omics: %d cells in %d cell types (the supervised model's).",
                        o.cells().cells(), t.count()));
        List<String> names = typeNames(o);
        for (int i = 0; i < t.count(); i++) {
            lines.add(String.format(Locale.ROOT, "- %s: %d cells", names.get(i).replace("  ", " (") + ")",
                    t.sizes()[i]));
        }
        NicheMorphometry.Niche largest = o.morphometry().get(0);
        lines.add(String.format(Locale.ROOT, "%d niches from each cell's %d nearest neighbours:",
                o.niches().count(), o.niches().neighbours()));
        for (NicheMorphometry.Niche n : o.morphometry()) {
            StringBuilder mix = new StringBuilder();
            for (int k = 0; k < n.composition().length; k++) {
                if (n.composition()[k] >= 0.1) {
                    mix.append(mix.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "T%d %.0f %%", k + 1,
                            100 * n.composition()[k]));
                }
            }
            String density = Double.isNaN(n.xray().densityMean()) ? "outside the X-ray volume"
                    : String.format(Locale.ROOT, "X-ray density %.3f%s, dense tissue %.0f %%",
                            n.xray().densityMean(), n == largest ? "" : String.format(Locale.ROOT, " (%+.0f %% vs N1)",
                                    100 * (n.xray().densityMean() / largest.xray().densityMean() - 1)),
                            100 * n.xray().classFractions()[2]);
            String vem = n.vem() == null ? "" : String.format(Locale.ROOT, "; vEM block reaches %d cells",
                    n.vem().cells());
            lines.add(String.format(Locale.ROOT, "- N%d: %d cells (%.0f %%): %s; %s%s", n.niche() + 1, n.cells(),
                    100.0 * n.cells() / o.cells().cells(), mix, density, vem));
        }
        return lines;
    }

    private static Map<String, Object> xrayTissue(Volume xray) {
        double[] classes = NicheMorphometry.tissueClasses(xray.values());
        double background = Otsu.threshold(xray.values());
        long tissue = 0;
        long[] count = new long[3];
        for (float v : xray.values()) {
            if (v > background) {
                tissue++;
                count[v < classes[0] ? 0 : v < classes[1] ? 1 : 2]++;
            }
        }
        double voxelUm3 = xray.spacing()[0] * xray.spacing()[1] * xray.spacing()[2];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("voxelUm", xray.spacing());
        m.put("tissueVolumeMm3", tissue * voxelUm3 / 1e9);
        m.put("thresholds", Map.of("tissue", round(background), "ordinary", round(classes[0]), "dense",
                round(classes[1])));
        Map<String, Double> fractions = new LinkedHashMap<>();
        for (int c = 0; c < 3; c++) {
            fractions.put(XRAY_CLASSES[c], round((double) count[c] / Math.max(1, tissue)));
        }
        m.put("tissueClasses", fractions);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String xrayLine(Volume xray) {
        Map<String, Object> t = xrayTissue(xray);
        Map<String, Double> f = (Map<String, Double>) t.get("tissueClasses");
        double mm3 = (Double) t.get("tissueVolumeMm3");
        // a biopsy core holds about a cubic millimetre; a test phantom a few hundredths of one
        String volume = mm3 >= 0.01 ? String.format(Locale.ROOT, "%.2f mm³", mm3)
                : String.format(Locale.ROOT, "%,.0f µm³", mm3 * 1e9);
        return String.format(Locale.ROOT, "X-ray: %s of tissue; loose %.0f %%, ordinary %.0f %%, dense %.0f %%"
                + " (three-class Otsu of the tissue).", volume, 100 * f.get("loose"), 100 * f.get("ordinary"),
                100 * f.get("dense"));
    }

    private static Map<String, Object> vemPlace(Volume xray, Volume vem, AffineTransform vemToXray) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] centre = vemToXray == null ? null : vemToXray.apply(vem.centre());
        m.put("extentUm", new double[] {vem.extent(0), vem.extent(1), vem.extent(2)});
        m.put("centreInXrayUm", centre);
        double threshold = Otsu.threshold(vem.values());
        long above = 0;
        for (float v : vem.values()) {
            above += v > threshold ? 1 : 0;
        }
        m.put("aboveOtsuFraction", round((double) above / vem.values().length));
        return m;
    }

    private static String vemLine(Volume xray, Volume vem, AffineTransform vemToXray, Omics omics) {
        double[] c = vemToXray == null ? null : vemToXray.apply(vem.centre());
        String where = c == null ? "not registered" : String.format(Locale.ROOT,
                "centred at (%.1f, %.1f, %.1f) µm (z, y, x) in the X-ray volume", c[0], c[1], c[2]);
        int reached = 0;
        if (omics != null) {
            for (NicheMorphometry.Niche n : omics.morphometry()) {
                reached += n.vem() == null ? 0 : n.vem().cells();
            }
        }
        return String.format(Locale.ROOT, "vEM: block of %.1f × %.1f × %.1f µm %s%s.", vem.extent(0), vem.extent(1),
                vem.extent(2), where, omics == null ? "" : reached == 0 ? "; the omics section does not pass through"
                        + " it" : "; " + reached + " omics cells lie in it");
    }

    /** Four decimals; null (JSON null) for what could not be measured. */
    static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
    }
}
