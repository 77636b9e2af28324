package se.ixbi.workers.reconstruction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.stereotype.Component;

import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.gpu.tomography.Backend;
import se.ixbi.gpu.tomography.Physics;
import se.ixbi.gpu.tomography.ReconstructionChain;
import se.ixbi.workers.omezarr.ChunkCodec;
import se.ixbi.workers.omezarr.OmeZarrImage;
import se.ixbi.workers.pictures.SlicePictures;
import se.ixbi.workers.pictures.StoredPictures;
import se.ixbi.workers.runtime.PermanentFailure;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.scan.ScanSet;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.version.WorkersVersion;

/**
 * {@code xray.reconstruct}: the verified raw scan from the store, reconstructed with the acquisition plan's energy,
 * pixel size and propagation distance (Paganin phase retrieval where a distance is planned; CTF over the distances
 * of a {@link ScanSet}, one scan per distance), written back as an
 * OME-Zarr image with its manifest and provenance, and three orthogonal slices through it as pictures beside it
 * ({@code <id>.pictures/}). The dataset id is derived from the raw dataset and the
 * parameters, so a redelivered task writes the same keys.
 */
@Component
class ReconstructHandler extends StoredDataHandler {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Slices for people to look at come from a level of at most 256³ voxels: 64 MiB, whatever the scan. */
    private static final long PICTURE_VOXELS = 1L << 24;

    private final ObjectStore store;
    private final ReconstructionDefaults defaults;

    ReconstructHandler(ObjectStore store, WorkerProperties properties, ReconstructionDefaults defaults) {
        super(Input.STORED, store, properties);
        this.store = store;
        this.defaults = defaults;
    }

    @Override
    public String topic() {
        return "xray.reconstruct";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String rawUri = item.requireString("xrayRawUri");
        String rawKey = run.key(rawUri);
        long started = System.currentTimeMillis();
        run.progress(0, "download");
        // one scan, or one per distance (a scan set, verified by data.verify against the plan)
        List<Path> scans;
        ScanSet set = null;
        if (DatasetTrees.isTree(store, rawKey)) {
            Path folder = run.fetchTree(rawUri, item.string("xrayRawSha256"), "raw");
            set = ScanSet.read(folder);
            scans = set.files(folder);
        } else {
            scans = List.of(run.fetchObject(rawUri, item.string("xrayRawSha256"), "raw.h5"));
        }
        long downloaded = System.currentTimeMillis();
        ReconstructionOptions options = set == null ? options(item) : options(item, set);
        Map<String, Object> parameters = options.parameters();
        String datasetId = StageRun.datasetId(item.requireString("xrayRawDatasetId"),
                JSON.writeValueAsString(parameters));
        String prefix = datasetPrefix(item.caseId(), rawKey, datasetId);

        Path volume = run.scratch(datasetId + ".zarr");
        ReconstructionChain.Result result = new ReconstructionPipeline(options, p -> {
            int base = p.step().startsWith("pre") ? 5 : 50;
            run.progress(base + 45 * p.done() / Math.max(1, p.total()), p.step());
        }).run(scans, volume, run.scratchFolder());
        run.progress(95, "upload");
        long reconstructed = System.currentTimeMillis();
        StageRun.Published published = run.publish(volume, prefix);
        run.progress(98, "pictures");
        List<Map<String, Object>> pictures = StoredPictures.store(store, StoredPictures.folderBeside(prefix),
                SlicePictures.of(OmeZarrImage.open(volume).readFinestWithin(PICTURE_VOXELS),
                        "Reconstructed X-ray volume"));
        long finished = System.currentTimeMillis();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("parameters", parameters);
        // not among the parameters (nor in the dataset id): a task redelivered to another node writes the same keys
        record.put("backend", options.backend().name().toLowerCase());
        if (options.backend() == Backend.CUDA) {
            record.put("device", CudaRuntime.availability().description());
        }
        record.put("rotationAxisPx", result.center());
        record.put("rotationAxisAtDetectorCentre", result.axisAtDetectorCentre());
        if (options.physics().zingerRemoval()) {
            record.put("zingersReplaced", result.zingersReplaced());
        }
        record.put("startedAt", Instant.ofEpochMilli(started).toString());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("download", downloaded - started);
        timings.put("reconstruct", reconstructed - downloaded);
        timings.put("upload", finished - reconstructed);
        timings.put("total", finished - started);
        timings.put("pipeline", result.millis());
        record.put("timingsMs", timings);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("uri", rawUri);
        input.put("datasetId", item.requireString("xrayRawDatasetId"));
        if (set != null) {
            input.put("scans", set.scans());
        }
        run.recordProvenance(published, datasetId, input, record);

        Map<String, Object> out = published.variables("reconstructed", datasetId);
        out.put("reconstructionBackend", options.backend().name().toLowerCase());
        out.put("reconstructionParameters", JSON.writeValueAsString(parameters));
        out.put("reconstructionSoftware", WorkersVersion.NAME);
        out.put("reconstructedPictures", StoredPictures.variable(pictures));
        return out;
    }

    /** One scan: Paganin at the plan's first distance where the plan names one, else absorption. */
    private ReconstructionOptions options(WorkItem item) {
        Double energy = item.number("energyKev");
        Double pixel = item.number("pixelSizeUm");
        Double distanceMm = firstDistanceMm(item.string("propagationDistancesMm"));
        boolean phase = energy != null && pixel != null && distanceMm != null && distanceMm > 0;
        return options(phase ? Physics.PhaseMode.PAGANIN : Physics.PhaseMode.NONE, energy,
                phase ? List.of(distanceMm / 1000.0) : null, pixel);
    }

    /** A scan set: CTF over its distances (Paganin where it holds one), with the plan's energy and pixel size. */
    private ReconstructionOptions options(WorkItem item, ScanSet set) {
        Double energy = item.number("energyKev");
        Double pixel = item.number("pixelSizeUm");
        if (energy == null || pixel == null) {
            throw new IllegalArgumentException("phase retrieval from the scan set needs the plan's energyKev and "
                    + "pixelSizeUm; the task has " + energy + " keV and " + pixel + " µm");
        }
        return options(set.scans().size() == 1 ? Physics.PhaseMode.PAGANIN : Physics.PhaseMode.CTF, energy,
                set.distancesMm().stream().map(mm -> mm / 1000.0).toList(), pixel);
    }

    private ReconstructionOptions options(Physics.PhaseMode phase, Double energy, List<Double> distancesM,
            Double pixel) {
        Physics.Method method = "fbp".equals(defaults.method()) ? Physics.Method.FBP : Physics.Method.GRIDREC;
        return new ReconstructionOptions(
                new Physics(method, phase, phase == Physics.PhaseMode.NONE ? null : defaults.deltaBeta(energy),
                        energy, distancesM, pixel, null, FilterWindow.parse(defaults.filter()),
                        defaults.ringSuppression(), defaults.zingerRemoval()),
                ReconstructionOptions.Output.whole(ChunkCodec.valueOf(defaults.compressor().toUpperCase())),
                BackendChoice.choose("ixbi.reconstruction.backend", defaults.backend(), method,
                        CudaRuntime.availability()));
    }

    /** The plan gives distances as text, e.g. "100" or "100, 250, 500"; single-distance Paganin takes the first. */
    static Double firstDistanceMm(String distances) {
        try {
            List<Double> mm = ScanSet.millimetres(distances);
            return mm.isEmpty() ? null : mm.get(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("propagationDistancesMm is not a list of numbers: " + distances);
        }
    }

    /** {@code cases/<case>/<specimen>/xray/reconstructed/<id>.zarr}, the specimen taken from the raw key. */
    static String datasetPrefix(String caseId, String rawKey, String datasetId) {
        String[] parts = rawKey.split("/");
        if (parts.length < 5 || !parts[0].equals("cases") || !parts[1].equals(caseId)) {
            // data.verify refuses such uploads; a task that still carries one was not verified
            throw new PermanentFailure("the raw scan " + rawKey + " is not under cases/" + caseId + "/<specimen>/");
        }
        return "cases/" + caseId + "/" + parts[2] + "/xray/reconstructed/" + datasetId + ".zarr";
    }
}
