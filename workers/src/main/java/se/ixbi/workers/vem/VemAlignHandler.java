package se.ixbi.workers.vem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import se.ixbi.gpu.registration.SliceAlignment;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrWriter;
import se.ixbi.workers.runtime.BusinessFailure;
import se.ixbi.workers.runtime.RawUploadHandler;
import se.ixbi.workers.runtime.Scratch;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.version.WorkersVersion;

/**
 * {@code vem.align}: the uploaded FIB-SEM stack ({@link VemStack}) freed of the stage's jitter by {@link SliceAlignment}
 * and stored as an OME-Zarr image in micrometres beside the raw stack, with the shift of every slice in its
 * provenance. A stack
 * that cannot be read, or whose checksum does not match, is the BPMN error {@code BAD_UPLOAD} with the reason.
 */
@Component
class VemAlignHandler implements RawUploadHandler {


    /**
     * Lateral motion slower than this (a Gaussian of σ slices) is left in the stack: stage creep cannot be told from
     * the specimen's own slopes slice by slice; registration to the X-ray volume takes it up (docs/registration.md).
     */
    static final double SLOW_DRIFT_SIGMA = 8;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final WorkerProperties properties;

    VemAlignHandler(ObjectStore store, WorkerProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String topic() {
        return "vem.align";
    }

    @Override
    public Map<String, Object> work(WorkItem item) throws Exception {
        String rawUri = item.requireString("vemRawUri");
        String rawId = item.requireString("vemRawDatasetId");
        String rawKey = store.key(URI.create(rawUri));
        String rawName = rawKey.substring(rawKey.lastIndexOf('/') + 1);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("method", "phase correlation + Gauss-Newton, least squares over neighbours");
        parameters.put("neighbours", 3);
        parameters.put("slowDriftSigmaSlices", SLOW_DRIFT_SIGMA);
        String datasetId = UUID.nameUUIDFromBytes((rawId + "|" + JSON.writeValueAsString(parameters))
                .getBytes(StandardCharsets.UTF_8)).toString();
        String prefix = prefix(item.caseId(), rawKey, "vem/aligned", datasetId + ".zarr");
        try (Scratch scratch = Scratch.in(properties.scratch(), item.id())) {
            long started = System.currentTimeMillis();
            item.progress(0, "download");
            Path raw = scratch.resolve(rawName.isBlank() ? "stack.h5" : rawName);
            store.download(rawKey, raw, item.string("vemRawSha256"));
            item.progress(20, "read");
            Volume stack = VemStack.read(raw);
            item.progress(30, "align");
            int maxShift = Math.max(4, Math.min(stack.height(), stack.width()) / 8);
            SliceAlignment.Drift estimated = new SliceAlignment(3, maxShift).estimate(stack);
            SliceAlignment.Drift drift = SliceAlignment.jitterOnly(estimated, SLOW_DRIFT_SIGMA);
            Volume aligned = SliceAlignment.apply(stack, drift);
            item.progress(70, "write");
            Path zarr = scratch.resolve(datasetId + ".zarr");
            OmeZarrWriter.write(zarr, aligned, Map.of("ixbi", Map.of("datasetId", datasetId, "modality", "vem",
                    "level", "aligned")));
            item.progress(85, "upload");
            DatasetTrees.Uploaded uploaded = DatasetTrees.upload(store, zarr, prefix);
            double creep = 0;
            List<double[]> shifts = new ArrayList<>();
            for (int k = 0; k < drift.slices(); k++) {
                creep = Math.max(creep, Math.hypot(drift.y()[k], drift.x()[k]));
                shifts.add(new double[] {round(drift.y()[k]), round(drift.x()[k])});
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("software", WorkersVersion.NAME);
            provenance.put("task", Map.of("topic", topic(), "id", item.id(), "case", item.caseId()));
            provenance.put("input", Map.of("uri", rawUri, "datasetId", rawId));
            provenance.put("output", Map.of("uri", store.uri(prefix).toString(), "datasetId", datasetId,
                    "manifestSha256", uploaded.manifestObject().sha256()));
            provenance.put("parameters", parameters);
            provenance.put("voxelSizeUm", stack.spacing());
            provenance.put("driftPx", Map.of("convention", "slice k's content lay at p + drift[k] (y, x pixels)"
                    + " relative to slice 0 and was moved back; slower motion was left in place", "slices", shifts));
            provenance.put("startedAt", Instant.ofEpochMilli(started).toString());
            provenance.put("millis", System.currentTimeMillis() - started);
            store.put(prefix.substring(0, prefix.length() - ".zarr".length()) + ".provenance.json",
                    JSON.writeValueAsBytes(provenance));

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("vemAlignedDatasetId", datasetId);
            out.put("vemAlignedUri", store.uri(prefix).toString());
            out.put("vemAlignedSha256", uploaded.manifestObject().sha256());
            out.put("vemAlignedSizeBytes", uploaded.manifest().totalSize());
            out.put("vemDriftMaxPx", round(creep));
            out.put("vemAlignmentSoftware", WorkersVersion.NAME);
            return out;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** {@code cases/<case>/<specimen>/<what>/<name>}, the specimen taken from the raw key. */
    static String prefix(String caseId, String rawKey, String what, String name) throws BusinessFailure {
        String[] parts = rawKey.split("/");
        if (parts.length < 5 || !parts[0].equals("cases") || !parts[1].equals(caseId)) {
            throw new BusinessFailure(BAD_UPLOAD, "the upload " + rawKey + " is not under cases/" + caseId
                    + "/<specimen>/: it cannot be filed with this case");
        }
        return "cases/" + caseId + "/" + parts[2] + "/" + what + "/" + name;
    }
}
