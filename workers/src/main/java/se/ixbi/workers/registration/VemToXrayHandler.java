package se.ixbi.workers.registration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.registration.AffineRefinement;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Registration;
import se.ixbi.gpu.registration.RegistrationOptions;
import se.ixbi.gpu.registration.RegistrationResult;
import se.ixbi.gpu.registration.TransformModel;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrImage;
import se.ixbi.workers.pictures.OverlayPictures;
import se.ixbi.workers.pictures.StoredPictures;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.ObjectStore;

/**
 * {@code registration.vem-to-xray}: places the aligned vEM block in the reconstructed X-ray volume (rigid, Mattes
 * MI), once from nothing by the correlation search and once from the confirmed ROI's centre, keeping the better, then
 * as an affine where the stage's creep sheared the block ({@link AffineRefinement}).
 * A second run started half an X-ray voxel and two degrees off the result says how precise it is: the largest
 * distance between where the two put the block's corners is reported as {@code vemRegistrationErrorUm}. The transform JSON (docs/registration.md)
 * is stored beside the vEM data, with three planes through the block over the X-ray volume as pictures. A block that lies mostly outside the volume, or whose placement is not precise to
 * two X-ray voxels, is the BPMN error {@code REGISTRATION_FAILED} with the figures, for the coordinator to review.
 */
@Component
class VemToXrayHandler extends StoredDataHandler {

    static final String REGISTRATION_FAILED = "REGISTRATION_FAILED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    VemToXrayHandler(ObjectStore store, WorkerProperties properties) {
        super(Input.STORED, store, properties);
        this.store = store;
    }

    @Override
    public String topic() {
        return "registration.vem-to-xray";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String vemUri = item.requireString("vemAlignedUri");
        String xrayUri = item.requireString("reconstructedUri");
        String vemKey = run.key(vemUri);
        run.progress(0, "download");
        Path vemDir = run.fetchDataset(vemUri, item.string("vemAlignedSha256"), "vem.zarr");
        Path xrayDir = run.fetchDataset(xrayUri, item.string("reconstructedSha256"), "xray.zarr");
        run.progress(20, "register");
        OmeZarrImage vemImage = OmeZarrImage.open(vemDir);
        OmeZarrImage xrayImage = OmeZarrImage.open(xrayDir);
        LevelChoice choice = LevelChoice.of(vemImage, xrayImage);
        Volume vem = vemImage.read(choice.fixedLevel());
        Volume xray = xrayImage.read(choice.movingLevel());
        RegistrationOptions options = RegistrationOptions.defaults(TransformModel.RIGID,
                RegistrationOptions.MetricKind.MI);
        RegistrationResult result = new Registration(options).register(vem, xray);
        double[] roi = roiCentre(item);
        if (roi != null) {
            double[] c = vem.centre();
            RegistrationResult hinted = new Registration(options.withSearch(0, 0).withInitial(
                    AffineTransform.translation(roi[0] - c[0], roi[1] - c[1], roi[2] - c[2]))).register(vem, xray);
            if (hinted.metricValue() > result.metricValue()) {
                result = hinted;
            }
        }
        // the stage's steady creep, left in place by vem.align, shears the block: an affine absorbs it where
        // it explains the block better and stays plausible
        run.progress(65, "refine");
        AffineRefinement.Outcome refined = AffineRefinement.refine(result, vem, xray, options);
        result = refined.result();
        run.progress(80, "check");
        // started half an X-ray voxel and two degrees away, a precise placement comes back to itself
        double[] c = vem.centre();
        double half = 0.5 * Math.max(xray.spacing()[0], Math.max(xray.spacing()[1], xray.spacing()[2]));
        AffineTransform nudged = result.fixedToMoving().after(AffineTransform.translation(half, -half, half)
                .after(AffineTransform.rotation(Math.toRadians(2), Math.toRadians(-2), Math.toRadians(2), c)));
        RegistrationResult again = new Registration(options.withSearch(0, 0).withInitial(nudged).withSeed(1017))
                .register(vem, xray);
        if (refined.affine()) {
            again = AffineRefinement.refine(again, vem, xray, options).result();
        }
        double[] low = vem.origin();
        double[] high = {low[0] + vem.extent(0), low[1] + vem.extent(1), low[2] + vem.extent(2)};
        double precisionUm = result.fixedToMoving().maxDisplacement(again.fixedToMoving(), low, high);
        double xrayVoxel = Math.min(xray.spacing()[0], Math.min(xray.spacing()[1], xray.spacing()[2]));

        String transformId = UUID.nameUUIDFromBytes((item.requireString("vemAlignedDatasetId") + "|" + xrayUri
                + "|" + mode(refined) + "|mi").getBytes(StandardCharsets.UTF_8)).toString();
        String key = vemKey.replaceFirst("/vem/aligned/[^/]+$", "/vem/registered/" + transformId
                + ".transform.json");
        Map<String, Object> description = TransformFile.describe(result, vemImage.root().getFileName()
                .toString(), xrayImage.root().getFileName().toString(), Map.of("uri", vemUri, "level",
                choice.fixedLevel()), Map.of("uri", xrayUri, "level", choice.movingLevel()), mode(refined));
        description.put("affineRefinement", Map.of("kept", refined.affine(), "metricGain", refined.metricGain(),
                "distortion", refined.distortion(), "shiftUm", refined.shiftUm()));
        description.put("precisionUm", precisionUm);
        description.put("task", Map.of("topic", topic(), "id", item.id(), "case", item.caseId()));
        store.put(key, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));

        Map<String, Object> figures = Placement.checked("vem", "vEM block", "the block", result.metricValue(),
                result.overlap(), 0.9, precisionUm, xrayVoxel, REGISTRATION_FAILED);
        run.progress(95, "pictures");
        List<Map<String, Object>> pictures = StoredPictures.store(store, StoredPictures.folderBeside(key),
                OverlayPictures.blockOnVolume(xray, vem, result.fixedToMoving(), "vEM block"));
        Map<String, Object> out = new LinkedHashMap<>(figures);
        out.put("vemTransformId", transformId);
        out.put("vemTransformPictures", StoredPictures.variable(pictures));
        out.put("vemRegistrationMode", mode(refined));
        out.put("vemTransformUri", store.uri(key).toString());
        out.put("vemTransformAffine", JSON.writeValueAsString(result.fixedToMoving().toMatrix4()));
        return out;
    }

    private static String mode(AffineRefinement.Outcome refined) {
        return refined.affine() ? "affine" : "rigid";
    }

    private static double[] roiCentre(WorkItem item) {
        Double x = item.number("roiCenterXUm");
        Double y = item.number("roiCenterYUm");
        Double z = item.number("roiCenterZUm");
        return x == null || y == null || z == null ? null : new double[] {z, y, x};
    }
}
