package se.ixbi.workers.fusion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrImage;
import se.ixbi.workers.omics.CellCsv;
import se.ixbi.workers.omics.CellTable;
import se.ixbi.workers.pictures.StoredPictures;
import se.ixbi.workers.registration.TransformFile;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.version.WorkersVersion;

/**
 * {@code analysis.fusion}: reads what the case has — the X-ray volume always, the ingested omics cells with their
 * section's registration and the aligned vEM block with its registration where those studies ran — runs
 * {@link FusionAnalysis}, and stores a findings folder beside the X-ray volume ({@code findings.json},
 * {@code cells.csv}, {@code figures/*.png}, with a manifest). The summary goes to the review task. A reviewer who
 * sends the findings back may fix the number of cell types or niches ({@code fusionTypesRequested},
 * {@code fusionNichesRequested}); other settings give other findings, with another id.
 */
@Component
class FusionHandler extends StoredDataHandler {

    /** The X-ray level read: the finest with at most this many voxels (a float each). */
    static final long MAX_XRAY_VOXELS = 128L << 20;
    /** The vEM level read: cells' boxes are a few µm, so a quarter of a µm resolves them. */
    static final double VEM_SPACING_UM = 0.25;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final FusionProperties fusion;

    FusionHandler(ObjectStore store, WorkerProperties properties, FusionProperties fusion) {
        super(Input.STORED, store, properties);
        this.store = store;
        this.fusion = fusion;
    }

    @Override
    public String topic() {
        return "analysis.fusion";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String xrayUri = item.requireString("reconstructedUri");
        String xrayKey = run.key(xrayUri);
        boolean omics = item.string("omicsTransformUri") != null;
        boolean vem = item.string("vemTransformUri") != null;
        FusionSettings settings = FusionSettings.DEFAULTS.withCounts(count(item, "fusionTypesRequested"),
                count(item, "fusionNichesRequested"));
        if (fusion.cellTypeModel() != null) {
            Path model = fusion.cellTypeModel();
            if (!Files.isRegularFile(model)) {
                throw new IllegalStateException("ixbi.fusion.cell-type-model " + model + " is not a file on this node");
            }
            settings = settings.withModel(model, se.ixbi.workers.storage.Sha256.of(model));
        }
        String datasetId = StageRun.datasetId(item.requireString("reconstructedDatasetId"),
                omics ? item.requireString("omicsDatasetId") + "|" + item.requireString("omicsTransformId") : "-",
                vem ? item.requireString("vemAlignedDatasetId") + "|" + item.requireString("vemTransformId") : "-",
                settings.key());
        String prefix = folder(item.caseId(), xrayKey, datasetId);

        run.progress(0, "download");
        Path xrayDir = run.fetchDataset(xrayUri, item.string("reconstructedSha256"), "xray.zarr");
        // the finest level small enough to hold in memory; the analysis reads densities, not edges
        Volume xray = OmeZarrImage.open(xrayDir).readFinestWithin(MAX_XRAY_VOXELS);
        CellTable cells = null;
        SectionPlacement placement = null;
        if (omics) {
            Path omicsDir = run.fetchDataset(item.requireString("omicsUri"), item.string("omicsSha256"), "omics");
            cells = CellCsv.read(omicsDir.resolve("cells.csv"));
            placement = SectionPlacement.read(run.fetchObject(item.requireString("omicsTransformUri"), null,
                    "omics.transform.json"));
        }
        Volume vemBlock = null;
        AffineTransform vemToXray = null;
        if (vem) {
            Path vemDir = run.fetchDataset(item.requireString("vemAlignedUri"), item.string("vemAlignedSha256"),
                    "vem.zarr");
            OmeZarrImage image = OmeZarrImage.open(vemDir);
            vemBlock = image.read(image.levelFor(VEM_SPACING_UM));
            vemToXray = TransformFile.read(run.fetchObject(item.requireString("vemTransformUri"), null,
                    "vem.transform.json"));
        }
        run.progress(30, "analyse");
        long start = System.nanoTime();
        FusionAnalysis analysis = FusionAnalysis.run(xray, cells, placement, vemBlock, vemToXray, settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        run.progress(80, "figures");
        Path out = run.scratchFolder(datasetId + ".findings");
        analysis.writeTablesAndFigures(out);
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("case", item.caseId());
        findings.put("summary", analysis.summary());
        findings.putAll(analysis.findings());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("xray", Map.of("uri", xrayUri, "datasetId", item.requireString("reconstructedDatasetId")));
        if (omics) {
            inputs.put("omics", Map.of("uri", item.requireString("omicsUri"), "transformUri",
                    item.requireString("omicsTransformUri")));
        }
        if (vem) {
            inputs.put("vem", Map.of("uri", item.requireString("vemAlignedUri"), "transformUri",
                    item.requireString("vemTransformUri")));
        }
        findings.put("inputs", inputs);
        findings.put("seconds", Math.round(seconds * 1000) / 1000.0);
        findings.put("software", WorkersVersion.NAME);
        Files.write(out.resolve("findings.json"), JSON.writeValueAsBytes(findings));
        run.progress(90, "upload");
        StageRun.Published published = run.publish(out, prefix);
        Map<String, Object> vars = published.variables("fusion", datasetId);
        vars.put("findingsUri", store.uri(prefix + "/findings.json").toString());
        vars.put("fusionSummary", analysis.summary());
        vars.put("fusionCellTypes", analysis.omics() == null ? 0 : analysis.omics().types().count());
        vars.put("fusionNiches", analysis.omics() == null ? 0 : analysis.omics().niches().count());
        vars.put("fusionSoftware", WorkersVersion.NAME);
        vars.put("fusionPictures", StoredPictures.variable(StoredPictures.inDataset(store, prefix,
                published.manifest(), FusionAnalysis.FIGURES)));
        return vars;
    }

    private static int count(WorkItem item, String name) {
        Double v = item.number(name);
        if (v == null) {
            return 0;
        }
        if (v < 0 || v != Math.rint(v)) {
            throw new IllegalArgumentException(name + " must be a whole number of 1 or more (0 or none: found from"
                    + " the data), not " + v);
        }
        return v.intValue();
    }

    /** {@code cases/<case>/<specimen>/fusion/analysed/<id>.findings}, beside the X-ray volume's specimen. */
    static String folder(String caseId, String xrayKey, String datasetId) {
        String[] parts = xrayKey.split("/");
        if (parts.length < 3 || !parts[0].equals("cases") || !parts[1].equals(caseId)) {
            throw new IllegalArgumentException("the X-ray volume " + xrayKey + " is not filed under cases/" + caseId
                    + "/: its findings cannot be filed with this case");
        }
        return "cases/" + parts[1] + "/" + parts[2] + "/fusion/analysed/" + datasetId + ".findings";
    }
}
