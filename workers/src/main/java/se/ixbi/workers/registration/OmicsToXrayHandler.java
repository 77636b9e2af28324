package se.ixbi.workers.registration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.InPlaneDeformation;
import se.ixbi.gpu.registration.RegistrationOptions;
import se.ixbi.gpu.registration.SectionRegistration;
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
 * {@code registration.omics-to-xray}: places the spatial-omics section ({@code section.zarr} of the ingested
 * folder) in the reconstructed X-ray volume — plane pose by search and rigid refinement, then the section's in-plane
 * warp ({@link SectionRegistration}). Precision: a second run of the whole placement, started from the found pose
 * nudged by a voxel and two degrees, and the largest distance between where the two send the section's corners.
 * The transform JSON (docs/registration.md) adds the warp's B-spline grid; a picture of the section over the X-ray
 * volume along its plane is stored beside it.
 */
@Component
class OmicsToXrayHandler extends StoredDataHandler {

    static final String REGISTRATION_FAILED = "REGISTRATION_FAILED";
    static final int WARP_NODES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    OmicsToXrayHandler(ObjectStore store, WorkerProperties properties) {
        super(Input.STORED, store, properties);
        this.store = store;
    }

    @Override
    public String topic() {
        return "registration.omics-to-xray";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String omicsUri = item.requireString("omicsUri");
        String xrayUri = item.requireString("reconstructedUri");
        String omicsKey = run.key(omicsUri);
        run.progress(0, "download");
        Path omicsDir = run.fetchDataset(omicsUri, item.string("omicsSha256"), "omics");
        Path xrayDir = run.fetchDataset(xrayUri, item.string("reconstructedSha256"), "xray.zarr");
        run.progress(20, "register");
        Volume section = OmeZarrImage.open(omicsDir.resolve("section.zarr")).read(0);
        OmeZarrImage xrayImage = OmeZarrImage.open(xrayDir);
        Volume xray = xrayImage.read(xrayImage.levelFor(section.spacing()[1]));
        RegistrationOptions options = RegistrationOptions.defaults(TransformModel.RIGID,
                RegistrationOptions.MetricKind.MI);
        SectionRegistration.Result result = new SectionRegistration(options, WARP_NODES).register(section, xray);
        run.progress(70, "check");
        double voxel = Math.max(xray.spacing()[0], Math.max(xray.spacing()[1], xray.spacing()[2]));
        double[] c = section.centre();
        AffineTransform nudged = result.pose().after(AffineTransform.translation(0, voxel, -voxel)
                .after(AffineTransform.rotation(Math.toRadians(2), Math.toRadians(-2), Math.toRadians(2), c)));
        SectionRegistration.Result again = new SectionRegistration(options.withSearch(0, 0).withInitial(nudged),
                WARP_NODES).register(section, xray);
        double precisionUm = 0;
        double[] o = section.origin();
        for (double y : new double[] {o[1], o[1] + section.extent(1)}) {
            for (double x : new double[] {o[2], o[2] + section.extent(2)}) {
                double[] a = result.map(y, x, o[0]);
                double[] b = again.map(y, x, o[0]);
                precisionUm = Math.max(precisionUm, Math.sqrt((a[0] - b[0]) * (a[0] - b[0])
                        + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2])));
            }
        }
        String transformId = UUID.nameUUIDFromBytes((item.requireString("omicsDatasetId") + "|" + xrayUri
                + "|section rigid+bspline|mi").getBytes(StandardCharsets.UTF_8)).toString();
        String key = omicsKey.replaceFirst("/omics/reconstructed/[^/]+$", "/omics/registered/" + transformId
                + ".transform.json");
        Map<String, Object> description = TransformFile.describe(result.rigid(), "section.zarr",
                xrayImage.root().getFileName().toString(), Map.of("uri", omicsUri, "image", "section.zarr"),
                Map.of("uri", xrayUri), "section");
        // the pose after the warp was refined with it replaces the rigid search's
        description.put("affine", result.pose().toMatrix4());
        description.put("inverse", result.pose().inverse().toMatrix4());
        description.put("coordinateTransformations", java.util.List.of(TransformFile.ngff(result.pose(),
                "section.zarr", xrayImage.root().getFileName().toString())));
        description.put("metricValue", result.metricValue());
        description.put("inPlaneDeformation", deformation(result.deformation()));
        description.put("precisionUm", precisionUm);
        description.put("sectionThicknessUm", item.number("sectionThicknessUm"));
        description.put("task", Map.of("topic", topic(), "id", item.id(), "case", item.caseId()));
        store.put(key, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));

        Map<String, Object> figures = Placement.checked("omics", "section", "the section's corners",
                result.metricValue(), result.rigid().overlap(), 0.6, precisionUm, voxel, REGISTRATION_FAILED);
        run.progress(95, "pictures");
        List<Map<String, Object>> pictures = StoredPictures.store(store, StoredPictures.folderBeside(key),
                List.of(OverlayPictures.sectionOnVolume(xray, section, (y, x) -> result.map(y, x,
                        section.origin()[0]), "Omics section")));
        Map<String, Object> out = new LinkedHashMap<>(figures);
        out.put("omicsTransformId", transformId);
        out.put("omicsTransformPictures", StoredPictures.variable(pictures));
        out.put("omicsTransformUri", store.uri(key).toString());
        out.put("omicsTransformAffine", JSON.writeValueAsString(result.pose().toMatrix4()));
        return out;
    }

    private static Map<String, Object> deformation(InPlaneDeformation d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "cubic B-spline, displacement (y, x µm) added to a section point before the affine");
        m.put("nodes", d.nodes());
        m.put("gridOriginUm", d.gridOriginUm());
        m.put("gridSpacingUm", d.gridSpacingUm());
        m.put("coefficients", d.coefficients());
        return m;
    }
}
