package se.ixbi.workers.roi;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.ixbi.gpu.analysis.RoiProposal;
import se.ixbi.gpu.analysis.RoiProposer;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrImage;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.ObjectStore;

/**
 * {@code analysis.roi-proposal}: ranks regions of abnormal density in the reconstructed volume ({@link RoiProposer})
 * for the coordinator's ROI confirmation form: the list as text, and the first region's centre and field size as
 * the form's starting values. With nothing abnormal, the tissue's centre is offered and the text says so.
 */
@Component
class RoiProposalHandler extends StoredDataHandler {

    /** Finest pyramid level read: proposals need regions, not cells. */
    static final long MAX_VOXELS = 8L << 20;

    RoiProposalHandler(ObjectStore store, WorkerProperties properties) {
        super(Input.STORED, store, properties);
    }

    @Override
    public String topic() {
        return "analysis.roi-proposal";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String uri = item.requireString("reconstructedUri");
        run.progress(0, "download");
        Path dir = run.fetchDataset(uri, item.string("reconstructedSha256"), "volume.zarr");
        run.progress(40, "segment");
        OmeZarrImage image = OmeZarrImage.open(dir);
        Volume volume = image.read(level(image));
        List<RoiProposal> proposals = new RoiProposer(5, 20, 10, 60).propose(volume);
        return variables(proposals, volume);
    }

    static Map<String, Object> variables(List<RoiProposal> proposals, Volume volume) {
        Map<String, Object> out = new LinkedHashMap<>();
        double[] centre;
        double size;
        String text;
        if (proposals.isEmpty()) {
            centre = volume.centre();
            size = 30;
            text = "No region of abnormal density found; the tissue's centre is offered — choose a region by eye.";
        } else {
            centre = proposals.get(0).centreUm();
            size = proposals.get(0).sizeUm();
            text = proposals.stream().map(RoiProposal::toString).collect(Collectors.joining("\n"));
        }
        out.put("roiProposal", text);
        out.put("roiCenterZUm", round(centre[0]));
        out.put("roiCenterYUm", round(centre[1]));
        out.put("roiCenterXUm", round(centre[2]));
        out.put("roiSizeUm", round(size));
        out.put("roiProposalCount", proposals.size());
        return out;
    }

    /** To 0.1 µm: the confirmation form takes one decimal, and a finer value would block its Complete button. */
    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static int level(OmeZarrImage image) {
        for (int i = 0; i < image.levels().size(); i++) {
            int[] s = image.levels().get(i).shape();
            if ((long) s[0] * s[1] * s[2] <= MAX_VOXELS) {
                return i;
            }
        }
        return image.levels().size() - 1;
    }
}
