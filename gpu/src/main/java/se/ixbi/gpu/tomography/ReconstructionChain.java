package se.ixbi.gpu.tomography;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import se.ixbi.gpu.reconstruction.FlatFieldCorrection;
import se.ixbi.gpu.reconstruction.ParallelGeometry;
import se.ixbi.gpu.reconstruction.RingSuppression;

/**
 * A scan's reconstruction as a chain of stages: read projections ({@link ProjectionSource}) → zingers
 * ({@link Zingers}, where asked) → flat/dark ({@link FlatFieldCorrection}) → phase ({@link PhaseStage}, or sinograms straight from the scan) → axis
 * ({@link RotationAxis}) → rings ({@link RingSuppression}) → filter and back-project ({@link FbpSlices} on the CPU or
 * the GPU, {@link GridrecSlices}) → write ({@link SliceSink}). Projections are read a block at a time and handled one
 * at a time, slices a slab of rows at a time, so the heap holds a block and a slab, never the scan or the volume.
 */
public final class ReconstructionChain {

    /** Above this spread of the projected mass over angles the sample leaves the field of view. */
    public static final double TRUNCATED = RotationAxis.TRUNCATED;

    private final Physics physics;
    private final Slices slices;
    private final Backend backend;
    private final Consumer<Progress> progress;

    public ReconstructionChain(Physics physics, Slices slices, Backend backend, Consumer<Progress> progress) {
        this.physics = physics;
        this.slices = slices;
        this.backend = backend;
        this.progress = progress;
    }

    /**
     * Which detector rows become slices, {@code rowFrom} to {@code rowTo} (end exclusive; null for all), and how many
     * are reconstructed at a time.
     */
    public record Slices(Integer rowFrom, Integer rowTo, int slabRows) {
    }

    public record Progress(String step, int done, int total) {
    }

    /** @param axisAtDetectorCentre the axis could not be fitted and the detector centre was used */
    public record Result(int slices, int width, double center, boolean axisAtDetectorCentre, double truncation,
            long clampedPixels, long zingersReplaced, Map<String, Long> millis) {
    }

    /** @param otherDistances for CTF, the scans at the other distances (same angles and detector); else empty */
    public Result run(ProjectionSource scan, List<ProjectionSource> otherDistances, SliceSink.Opener sink,
            Path scratch) {
        long t0 = System.nanoTime();
        Map<String, Long> millis = new LinkedHashMap<>();
        int rows = scan.rows();
        int cols = scan.cols();
        int angles = scan.angles();
        int from = slices.rowFrom() == null ? 0 : slices.rowFrom();
        int to = slices.rowTo() == null ? rows : slices.rowTo();
        if (from < 0 || to > rows || from >= to) {
            throw new UnusableScanException("rows " + from + ":" + to + " are outside the detector's 0:" + rows);
        }
        FlatFieldCorrection flatDark = flatDark(scan);
        Zingers zingers = Zingers.of(physics);
        PhaseStage phase = PhaseStage.of(physics, rows, cols, otherDistances.size() + 1);
        List<FlatFieldCorrection> otherFlatDarks = new ArrayList<>();
        for (ProjectionSource other : otherDistances) {
            if (other.angles() != angles || other.rows() != rows || other.cols() != cols) {
                throw new UnusableScanException("the scans of the distances differ: " + angles + " × " + rows
                        + " × " + cols + " and " + other.angles() + " × " + other.rows() + " × " + other.cols());
            }
            otherFlatDarks.add(flatDark(other));
        }
        float[] anglesRad = radians(scan.thetaDegrees());
        int middle = (from + to) / 2;

        try (PhaseStage.Preprocessed preprocessed = phase.run(scan, zingers, flatDark, otherDistances, otherFlatDarks,
                middle, scratch, progress)) {
            millis.put("read+preprocess", (System.nanoTime() - t0) / 1_000_000);
            long t1 = System.nanoTime();
            float[] middleSinogram = physics.phase() == Physics.PhaseMode.NONE ? preprocessed.measuredMiddle
                    : preprocessed.sinograms.sinograms(middle, 1, angles);
            RotationAxis.Axis axis = RotationAxis.find(physics.center(), middleSinogram, preprocessed.measuredMiddle,
                    anglesRad, cols);
            RingSuppression rings = physics.ringSuppression() ? new RingSuppression(9) : null;
            double voxelUm = physics.pixelSizeUm() == null ? 1.0 : physics.pixelSizeUm();
            Map<String, Object> attributes = Map.of("ixbi", Map.of(
                    "quantity", "linear attenuation coefficient",
                    "unit", physics.pixelSizeUm() == null ? "1/voxel" : "1/m",
                    "rows", from + ":" + to));
            try (SliceReconstructor backProjection = backProjection(
                    new ParallelGeometry(anglesRad, cols, axis.center()));
                    SliceSink out = sink.open(to - from, cols, cols, voxelUm, attributes)) {
                reconstructSlabs(preprocessed.sinograms, rings, backProjection, from, to, angles, cols, out);
            }
            millis.put("reconstruct+write", (System.nanoTime() - t1) / 1_000_000);
            millis.put("total", (System.nanoTime() - t0) / 1_000_000);
            return new Result(to - from, cols, axis.center(), axis.guessed(), axis.truncation(),
                    flatDark.clampedPixels(), zingers.replaced(), millis);
        }
    }

    private static FlatFieldCorrection flatDark(ProjectionSource scan) {
        ProjectionSource.Frames flats = scan.flats();
        ProjectionSource.Frames darks = scan.darks();
        return FlatFieldCorrection.of(flats.values(), flats.count(), darks.values(), darks.count(),
                scan.rows() * scan.cols());
    }

    private SliceReconstructor backProjection(ParallelGeometry geometry) {
        return physics.method() == Physics.Method.GRIDREC ? new GridrecSlices(geometry, physics.filter())
                : new FbpSlices(geometry, physics.filter(), backend);
    }

    /** Rings, filter and back-project, scale, write: a slab at a time, writing one while reconstructing the next. */
    private void reconstructSlabs(Sinograms sinograms, RingSuppression rings, SliceReconstructor backProjection,
            int from, int to, int angles, int cols, SliceSink out) {
        // line integrals in voxels give attenuation per voxel; per metre needs the voxel size
        float scale = physics.pixelSizeUm() == null ? 1f : (float) (1e6 / physics.pixelSizeUm());
        int total = to - from;
        int slab = Math.max(2, slices.slabRows());
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> pendingWrite = CompletableFuture.completedFuture(null);
        try {
            for (int r0 = from; r0 < to; r0 += slab) {
                int count = Math.min(slab, to - r0);
                float[] band = sinograms.sinograms(r0, count, angles);
                if (rings != null) {
                    IntStream.range(0, count).parallel().forEach(i -> {
                        float[] sino = Arrays.copyOfRange(band, i * angles * cols, (i + 1) * angles * cols);
                        rings.apply(sino, angles, cols);
                        System.arraycopy(sino, 0, band, i * angles * cols, sino.length);
                    });
                }
                float[][] reconstructed = backProjection.reconstruct(band, count, angles * cols, cols);
                if (scale != 1f) {
                    for (float[] slice : reconstructed) {
                        for (int k = 0; k < slice.length; k++) {
                            slice[k] *= scale;
                        }
                    }
                }
                // compressing and writing this slab overlaps reconstructing the next one
                int done = r0 + count - from;
                pendingWrite.join();
                pendingWrite = CompletableFuture.runAsync(() -> {
                    for (float[] slice : reconstructed) {
                        out.addSlice(slice);
                    }
                    progress.accept(new Progress("reconstruct", done, total));
                }, writerThread);
            }
            pendingWrite.join();
            out.commit();
        } catch (RuntimeException | Error e) {
            // the sink removes what it wrote when it closes: let the write in flight finish first
            pendingWrite.exceptionally(ignored -> null).join();
            if (e instanceof CompletionException c && c.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            writerThread.shutdown();
        }
    }

    private static float[] radians(float[] degrees) {
        float[] out = new float[degrees.length];
        for (int a = 0; a < degrees.length; a++) {
            out[a] = (float) Math.toRadians(degrees[a]);
        }
        return out;
    }
}
