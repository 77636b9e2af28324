package se.ixbi.workers.vem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import se.ixbi.gpu.registration.SliceAlignment;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrWriter;
import se.ixbi.workers.runtime.BusinessFailure;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.version.WorkersVersion;

/**
 * {@code vem.align}: the uploaded FIB-SEM stack ({@link VemStack}) freed of the stage's jitter by {@link SliceAlignment}
 * and stored as an OME-Zarr image in micrometres beside the raw stack, with the shift of every slice in its
 * provenance. A stack
 * that cannot be read, or whose checksum does not match, is the BPMN error {@code BAD_UPLOAD} with the reason.
 */
@Component
class VemAlignHandler extends StoredDataHandler {

    /**
     * Lateral motion slower than this (a Gaussian of σ slices) is left in the stack: stage creep cannot be told from
     * the specimen's own slopes slice by slice; registration to the X-ray volume takes it up (docs/registration.md).
     */
    static final double SLOW_DRIFT_SIGMA = 8;
    /** Indented, as the dataset ids of earlier versions were derived from it. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    VemAlignHandler(ObjectStore store, WorkerProperties properties) {
        super(Input.UPLOAD, store, properties);
    }

    @Override
    public String topic() {
        return "vem.align";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String rawUri = item.requireString("vemRawUri");
        String rawId = item.requireString("vemRawDatasetId");
        String rawKey = run.key(rawUri);
        String rawName = rawKey.substring(rawKey.lastIndexOf('/') + 1);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("method", "phase correlation + Gauss-Newton, least squares over neighbours");
        parameters.put("neighbours", 3);
        parameters.put("slowDriftSigmaSlices", SLOW_DRIFT_SIGMA);
        String datasetId = StageRun.datasetId(rawId, JSON.writeValueAsString(parameters));
        String prefix = prefix(item.caseId(), rawKey, "vem/aligned", datasetId + ".zarr");

        run.progress(0, "download");
        Path raw = run.fetchObject(rawUri, item.string("vemRawSha256"), rawName.isBlank() ? "stack.h5" : rawName);
        run.progress(20, "read");
        Volume stack = VemStack.read(raw);
        run.progress(30, "align");
        int maxShift = Math.max(4, Math.min(stack.height(), stack.width()) / 8);
        SliceAlignment.Drift estimated = new SliceAlignment(3, maxShift).estimate(stack);
        SliceAlignment.Drift drift = SliceAlignment.jitterOnly(estimated, SLOW_DRIFT_SIGMA);
        Volume aligned = SliceAlignment.apply(stack, drift);
        run.progress(70, "write");
        Path zarr = run.scratch(datasetId + ".zarr");
        OmeZarrWriter.write(zarr, aligned, Map.of("ixbi", Map.of("datasetId", datasetId, "modality", "vem",
                "level", "aligned")));
        run.progress(85, "upload");
        StageRun.Published published = run.publish(zarr, prefix);
        double creep = 0;
        List<double[]> shifts = new ArrayList<>();
        for (int k = 0; k < drift.slices(); k++) {
            creep = Math.max(creep, Math.hypot(drift.y()[k], drift.x()[k]));
            shifts.add(new double[] {round(drift.y()[k]), round(drift.x()[k])});
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("parameters", parameters);
        record.put("voxelSizeUm", stack.spacing());
        record.put("driftPx", Map.of("convention", "slice k's content lay at p + drift[k] (y, x pixels)"
                + " relative to slice 0 and was moved back; slower motion was left in place", "slices", shifts));
        run.recordProvenance(published, datasetId, Map.of("uri", rawUri, "datasetId", rawId), record);

        Map<String, Object> out = published.variables("vemAligned", datasetId);
        out.put("vemDriftMaxPx", round(creep));
        out.put("vemAlignmentSoftware", WorkersVersion.NAME);
        return out;
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
