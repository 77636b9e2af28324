package se.ixbi.workers.qc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.ixbi.workers.omezarr.ZarrVolume;
import se.ixbi.workers.runtime.BusinessFailure;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.ObjectStore;

/**
 * {@code xray.qc}: measures the reconstructed volume ({@link VolumeQuality}) and holds the figures against the
 * configured thresholds. A volume outside them is the BPMN error {@code QC_FAILED}, whose message gives every
 * figure and the bound it missed, for the coordinator who reviews it.
 */
@Component
class QcHandler extends StoredDataHandler {

    static final String QC_FAILED = "QC_FAILED";

    private final QcThresholds thresholds;

    QcHandler(ObjectStore store, WorkerProperties properties, QcThresholds thresholds) {
        super(Input.STORED, store, properties);
        this.thresholds = thresholds;
    }

    @Override
    public String topic() {
        return "xray.qc";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String uri = item.requireString("reconstructedUri");
        run.progress(0, "download");
        Path dir = run.fetchDataset(uri, item.string("reconstructedSha256"), "volume.zarr");
        run.progress(50, "measure");
        Level level = level(dir);
        ZarrVolume volume = ZarrVolume.read(dir.resolve(level.path));
        VolumeQuality.Figures f = VolumeQuality.measure(volume.depth(), volume.height(), volume.width(),
                volume.values());
        double resolutionUm = f.resolutionVoxels() * level.voxelUm;

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("qcSnr", round(f.snr()));
        figures.put("qcCnr", round(f.cnr()));
        figures.put("qcRingScore", round(f.ringScore()));
        figures.put("qcResolutionUm", round(resolutionUm));
        figures.put("qcLevel", level.path);
        // the bounds beside the figures, so that the reviewer sees what each was held to
        figures.put("qcMinSnr", thresholds.minSnr());
        figures.put("qcMinCnr", thresholds.minCnr());
        figures.put("qcMaxRingScore", thresholds.maxRingScore());
        figures.put("qcMaxResolutionUm", round(thresholds.maxResolutionVoxels() * level.voxelUm));

        List<String> missed = new ArrayList<>();
        if (!(f.snr() >= thresholds.minSnr())) {
            missed.add(String.format(Locale.ROOT, "SNR %.2f < %.2f", f.snr(), thresholds.minSnr()));
        }
        if (!(f.cnr() >= thresholds.minCnr())) {
            missed.add(String.format(Locale.ROOT, "CNR %.2f < %.2f", f.cnr(), thresholds.minCnr()));
        }
        if (!(f.ringScore() <= thresholds.maxRingScore())) {
            missed.add(String.format(Locale.ROOT, "ring score %.3f > %.3f", f.ringScore(),
                    thresholds.maxRingScore()));
        }
        if (!(f.resolutionVoxels() <= thresholds.maxResolutionVoxels())) {
            missed.add(String.format(Locale.ROOT, "resolution %.2f µm (%.2f voxels) > %.2f voxels", resolutionUm,
                    f.resolutionVoxels(), thresholds.maxResolutionVoxels()));
        }
        if (!missed.isEmpty()) {
            throw new BusinessFailure(QC_FAILED, String.join("; ", missed) + String.format(Locale.ROOT,
                    " (SNR %.2f, CNR %.2f, ring score %.3f, resolution %.2f µm, level %s)", f.snr(), f.cnr(),
                    f.ringScore(), resolutionUm, level.path), figures);
        }
        return figures;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : -1;
    }

    private record Level(String path, double voxelUm) {
    }

    /** The finest pyramid level within the voxel budget, and its voxel size from the NGFF scale. */
    private Level level(Path zarr) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode datasets = json.readTree(zarr.resolve(".zattrs").toFile()).path("multiscales").path(0)
                .path("datasets");
        if (!datasets.isArray() || datasets.isEmpty()) {
            throw new IllegalStateException("the volume has no NGFF multiscales datasets");
        }
        for (JsonNode d : datasets) {
            String path = d.path("path").asText();
            JsonNode shape = json.readTree(zarr.resolve(path).resolve(".zarray").toFile()).path("shape");
            long voxels = shape.get(0).asLong() * shape.get(1).asLong() * shape.get(2).asLong();
            if (voxels <= thresholds.maxVoxels() || d == datasets.get(datasets.size() - 1)) {
                double scale = 1;
                for (JsonNode t : d.path("coordinateTransformations")) {
                    if ("scale".equals(t.path("type").asText())) {
                        scale = t.path("scale").get(2).asDouble();
                    }
                }
                return new Level(path, scale);
            }
        }
        throw new IllegalStateException("unreachable: the last level is always taken");
    }
}
