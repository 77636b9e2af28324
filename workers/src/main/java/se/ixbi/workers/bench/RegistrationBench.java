package se.ixbi.workers.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Registration;
import se.ixbi.gpu.registration.RegistrationOptions.MetricKind;
import se.ixbi.gpu.registration.RegistrationOptions;
import se.ixbi.gpu.registration.RegistrationResult;
import se.ixbi.gpu.registration.TransformModel;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrWriter;
import se.ixbi.workers.registration.TransformFile;

/**
 * {@code bench --registration}: our registration beside elastix 5 on the same synthetic pairs with known
 * transforms, printing time and target registration error (the largest error over the fixed image's corners and
 * centre) for each.
 */
final class RegistrationBench {

    private static final double XRAY_UM = 0.65;

    private final Path dir;
    private final List<String[]> rows = new ArrayList<>();

    RegistrationBench(Path dir) {
        this.dir = dir;
    }

    void run() throws Exception {
        boolean elastix = Elastix.available();
        if (!elastix) {
            System.out.println("elastix not found (Debian: apt-get install elastix): only our figures are printed");
        }
        warmUp();
        double[][] poses = {{11, -8, 17}, {-20, 14, -25}, {4, 24, -9}};
        long[] seeds = {5, 8, 13};
        for (int i = 0; i < poses.length; i++) {
            vemToXray(i + 1, seeds[i], poses[i], elastix);
        }
        affineView(elastix);
        wholeCommands(elastix);
        System.out.printf(Locale.ROOT, "%-30s %-28s %8s %8s %7s%n", "pair", "method", "seconds", "TRE µm",
                "voxels");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-30s %-28s %8s %8s %7s%n", (Object[]) r);
        }
    }

    /** JIT compilation would otherwise be charged to the first pair. */
    private void warmUp() {
        CorrelativeSet set = new CorrelativeSet(TissuePhantom.biopsy(48, 1), XRAY_UM);
        Volume v = set.xray(0.05, 1);
        new Registration(RegistrationOptions.defaults(TransformModel.RIGID, MetricKind.MI).withSearch(0, 0))
                .register(v, v);
    }

    private void vemToXray(int n, long seed, double[] degrees, boolean elastix) throws Exception {
        TissuePhantom phantom = TissuePhantom.biopsy(96, seed);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_UM);
        Volume xray = set.xray(0.05, 1);
        int[] shape = {160, 200, 200};
        double voxel = XRAY_UM / 10;
        double[] centre = {(shape[0] - 1) * voxel / 2, (shape[1] - 1) * voxel / 2, (shape[2] - 1) * voxel / 2};
        double[] lesion = phantom.lesion();
        double half = (phantom.size() - 1) / 2.0;
        double[] target = {(lesion[0] + half) * XRAY_UM, (lesion[1] + half) * XRAY_UM,
            (lesion[2] + lesion[3] + half) * XRAY_UM};
        AffineTransform truth = AffineTransform.translation(target[0] - centre[0], target[1] - centre[1],
                target[2] - centre[2]).after(AffineTransform.rotation(Math.toRadians(degrees[0]),
                        Math.toRadians(degrees[1]), Math.toRadians(degrees[2]), centre));
        // read as the register command would: the vEM pyramid level nearest half an X-ray voxel
        Volume vem = set.vem(shape, 10, truth, 0.05, 2).blockAverage(4, 4, 4);
        String pair = String.format(Locale.ROOT, "vEM→X-ray #%d (%.0f°,%.0f°,%.0f°)", n, degrees[0], degrees[1],
                degrees[2]);
        List<double[]> points = boxPoints(vem);
        // the workflow knows the confirmed region of interest: its centre, a few micrometres off, no rotation
        double[] roi = truth.apply(vem.centre());
        double[] hint = {roi[0] + 2.0 - vem.centre()[0], roi[1] - 1.5 - vem.centre()[1],
            roi[2] + 1.0 - vem.centre()[2]};
        RegistrationOptions rigidMi = RegistrationOptions.defaults(TransformModel.RIGID, MetricKind.MI);
        ours(pair, "ixbi rigid MI, search", rigidMi, vem, xray, truth, points);
        ours(pair, "ixbi rigid MI, ROI hint", rigidMi.withSearch(0, 0)
                .withInitial(AffineTransform.translation(hint[0], hint[1], hint[2])), vem, xray, truth, points);
        if (elastix) {
            theirs(pair, "elastix Euler MI, ROI hint", vem, xray, "EulerTransform",
                    "AdvancedMattesMutualInformation", hint, truth, points, "vem" + n + "-hint");
            theirs(pair, "elastix Euler MI, CoG start", vem, xray, "EulerTransform",
                    "AdvancedMattesMutualInformation", null, truth, points, "vem" + n + "-cog");
        }
    }

    private void affineView(boolean elastix) throws Exception {
        TissuePhantom phantom = TissuePhantom.biopsy(64, 9);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_UM);
        Volume fixed = set.xray(0.05, 3);
        double voxel = 0.8;
        int n = 56;
        double[] centre = {(n - 1) * voxel / 2, (n - 1) * voxel / 2, (n - 1) * voxel / 2};
        double[] xc = fixed.centre();
        double c = Math.cos(Math.toRadians(6));
        double s = Math.sin(Math.toRadians(6));
        double[] rot = {1, 0, 0, 0, c, -s, 0, s, c};
        double[] shear = {1.04, 0.03, 0, 0, 0.98, 0, 0, 0, 1.01};
        double[] a = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[3 * i + j] += rot[3 * i + k] * shear[3 * k + j];
                }
            }
        }
        AffineTransform viewToXray = AffineTransform.about(a, centre, new double[] {xc[0] - centre[0] + 2,
            xc[1] - centre[1] - 1.5, xc[2] - centre[2]});
        Volume moving = set.xrayView(new int[] {n, n, n}, voxel, viewToXray, 0.05, 4);
        AffineTransform truth = viewToXray.inverse();
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            double[] p = new double[3];
            for (int axis = 0; axis < 3; axis++) {
                double q = fixed.extent(axis) / 4;
                p[axis] = xc[axis] + (k == 8 ? 0 : ((k >> axis) & 1) == 0 ? -q : q);
            }
            points.add(p);
        }
        String pair = "X-ray→view, affine";
        ours(pair, "ixbi affine NCC", RegistrationOptions.defaults(TransformModel.AFFINE, MetricKind.NCC)
                .withSearch(0, 0), fixed, moving, truth, points);
        if (elastix) {
            theirs(pair, "elastix affine NCC, CoG", fixed, moving, "AffineTransform",
                    "AdvancedNormalizedCorrelation", null, truth, points, "affine");
        }
    }

    /**
     * A 96³ pair of different contrast and noise (X-ray density against a stain that is dark where the X-ray is
     * bright, with texture of its own), turned by (11°, −8°, 17°) and shifted: each tool run as a person runs it, a
     * whole command from files on disk, ours with no hint ({@code register --mode rigid --metric mi}), elastix from
     * its centre-of-gravity start.
     */
    private void wholeCommands(boolean elastix) throws Exception {
        TissuePhantom phantom = TissuePhantom.biopsy(96, 5);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_UM);
        Volume xray = set.xray(0.05, 1);
        double c = (phantom.size() - 1) * XRAY_UM / 2;
        AffineTransform stainedToXray = AffineTransform.translation(2.6, -3.9, 1.3).after(AffineTransform.rotation(
                Math.toRadians(11), Math.toRadians(-8), Math.toRadians(17), new double[] {c, c, c}));
        Volume stained = set.vem(new int[] {96, 96, 96}, 1, stainedToXray, 0.08, 2);
        AffineTransform truth = stainedToXray.inverse();
        List<double[]> points = boxPoints(xray);
        String pair = "96³ pair, other contrast (11°,−8°,17°)";

        Path files = Files.createDirectories(dir.resolve("pair96"));
        Path fixed = files.resolve("fixed.zarr");
        Path moving = files.resolve("moving.zarr");
        Path transform = files.resolve("transform.json");
        OmeZarrWriter.write(fixed, xray, Map.of());
        OmeZarrWriter.write(moving, stained, Map.of());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(ThisCommand.with("register", "--fixed", fixed.toString(), "--moving",
                moving.toString(), "--output", transform.toString(), "--mode", "rigid", "--metric", "mi"))
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("register failed:\n" + printed);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        AffineTransform found = TransformFile.read(transform);
        double tre = 0;
        for (double[] p : points) {
            tre = Math.max(tre, distance(found.apply(p), truth.apply(p)));
        }
        add(pair, "ixbi register, whole command", seconds, tre);
        if (elastix) {
            theirs(pair, "elastix Euler MI, whole command", xray, stained, "EulerTransform",
                    "AdvancedMattesMutualInformation", null, truth, points, "pair96-elastix");
        }
    }

    private void ours(String pair, String method, RegistrationOptions options, Volume fixed, Volume moving,
            AffineTransform truth, List<double[]> points) {
        RegistrationResult r = new Registration(options).register(fixed, moving);
        double tre = 0;
        for (double[] p : points) {
            tre = Math.max(tre, distance(r.fixedToMoving().apply(p), truth.apply(p)));
        }
        add(pair, method, r.seconds(), tre);
    }

    private void theirs(String pair, String method, Volume fixed, Volume moving, String transform, String metric,
            double[] hint, AffineTransform truth, List<double[]> points, String name) throws Exception {
        Elastix.Run run = Elastix.register(dir.resolve(name), fixed, moving, transform, metric, hint, points);
        double tre = 0;
        for (int i = 0; i < points.size(); i++) {
            tre = Math.max(tre, distance(run.mapped().get(i), truth.apply(points.get(i))));
        }
        add(pair, method, run.seconds(), tre);
    }

    private void add(String pair, String method, double seconds, double tre) {
        rows.add(new String[] {pair, method, String.format(Locale.ROOT, "%.2f", seconds),
            String.format(Locale.ROOT, "%.3f", tre), String.format(Locale.ROOT, "%.2f", tre / XRAY_UM)});
        System.out.printf(Locale.ROOT, "%s · %s: %.2f s, TRE %.3f µm%n", pair, method, seconds, tre);
    }

    private static List<double[]> boxPoints(Volume v) {
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            double[] p = new double[3];
            for (int axis = 0; axis < 3; axis++) {
                p[axis] = v.origin()[axis] + (k == 8 ? v.extent(axis) / 2 : ((k >> axis) & 1) == 0 ? 0
                        : v.extent(axis));
            }
            points.add(p);
        }
        return points;
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
