package se.ixbi.workers.fusion;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
import se.ixbi.workers.runtime.Scratch;
import se.ixbi.workers.runtime.StoredInputHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.DatasetTrees;
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
class FusionHandler implements StoredInputHandler {

    /** The X-ray level read: the finest with at most this many voxels (a float each). */
    static final long MAX_XRAY_VOXELS = 128L << 20;
    /** The vEM level read: cells' boxes are a few µm, so a quarter of a µm resolves them. */
    static final double VEM_SPACING_UM = 0.25;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final WorkerProperties properties;
    private final FusionProperties fusion;

    FusionHandler(ObjectStore store, WorkerProperties properties, FusionProperties fusion) {
        this.store = store;
        this.properties = properties;
        this.fusion = fusion;
    }

    @Override
    public String topic() {
        return "analysis.fusion";
    }

    @Override
    public Map<String, Object> work(WorkItem item) throws Exception {
        String xrayUri = item.requireString("reconstructedUri");
        String xrayKey = store.key(URI.create(xrayUri));
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
        String datasetId = UUID.nameUUIDFromBytes(String.join("|", item.requireString("reconstructedDatasetId"),
                omics ? item.requireString("omicsDatasetId") + "|" + item.requireString("omicsTransformId") : "-",
                vem ? item.requireString("vemAlignedDatasetId") + "|" + item.requireString("vemTransformId") : "-",
                settings.key()).getBytes(StandardCharsets.UTF_8)).toString();
        String prefix = folder(item.caseId(), xrayKey, datasetId);
        try (Scratch scratch = Scratch.in(properties.scratch(), item.id())) {
            item.progress(0, "download");
            Path xrayDir = scratch.resolve("xray.zarr");
            DatasetTrees.download(store, xrayKey, xrayDir, item.string("reconstructedSha256"));
            // the finest level small enough to hold in memory; the analysis reads densities, not edges
            Volume xray = OmeZarrImage.open(xrayDir).readFinestWithin(MAX_XRAY_VOXELS);
            CellTable cells = null;
            SectionPlacement placement = null;
            if (omics) {
                Path omicsDir = scratch.resolve("omics");
                DatasetTrees.download(store, store.key(URI.create(item.requireString("omicsUri"))), omicsDir,
                        item.string("omicsSha256"));
                cells = CellCsv.read(omicsDir.resolve("cells.csv"));
                Path transform = scratch.resolve("omics.transform.json");
                store.download(store.key(URI.create(item.requireString("omicsTransformUri"))), transform, null);
                placement = SectionPlacement.read(transform);
            }
            Volume vemBlock = null;
            AffineTransform vemToXray = null;
            if (vem) {
                Path vemDir = scratch.resolve("vem.zarr");
                DatasetTrees.download(store, store.key(URI.create(item.requireString("vemAlignedUri"))), vemDir,
                        item.string("vemAlignedSha256"));
                OmeZarrImage image = OmeZarrImage.open(vemDir);
                vemBlock = image.read(image.levelFor(VEM_SPACING_UM));
                Path transform = scratch.resolve("vem.transform.json");
                store.download(store.key(URI.create(item.requireString("vemTransformUri"))), transform, null);
                vemToXray = TransformFile.read(transform);
            }
            item.progress(30, "analyse");
            long start = System.nanoTime();
            FusionAnalysis analysis = FusionAnalysis.run(xray, cells, placement, vemBlock, vemToXray, settings);
            double seconds = (System.nanoTime() - start) / 1e9;
            item.progress(80, "figures");
            Path out = Files.createDirectories(scratch.resolve(datasetId + ".findings"));
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
            item.progress(90, "upload");
            DatasetTrees.Uploaded uploaded = DatasetTrees.upload(store, out, prefix);
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("fusionDatasetId", datasetId);
            vars.put("fusionUri", store.uri(prefix).toString());
            vars.put("fusionSha256", uploaded.manifestObject().sha256());
            vars.put("fusionSizeBytes", uploaded.manifest().totalSize());
            vars.put("findingsUri", store.uri(prefix + "/findings.json").toString());
            vars.put("fusionSummary", analysis.summary());
            vars.put("fusionCellTypes", analysis.omics() == null ? 0 : analysis.omics().types().count());
            vars.put("fusionNiches", analysis.omics() == null ? 0 : analysis.omics().niches().count());
            vars.put("fusionSoftware", WorkersVersion.NAME);
            vars.put("fusionPictures", StoredPictures.variable(StoredPictures.inDataset(store, prefix,
                    uploaded.manifest(), FusionAnalysis.FIGURES)));
            return vars;
        }
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
