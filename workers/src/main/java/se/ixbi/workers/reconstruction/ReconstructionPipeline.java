package se.ixbi.workers.reconstruction;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import se.ixbi.gpu.phase.Beam;
import se.ixbi.gpu.phase.CtfPhaseRetrieval;
import se.ixbi.gpu.phase.PaganinPhaseRetrieval;
import se.ixbi.gpu.reconstruction.CenterOfRotation;
import se.ixbi.gpu.reconstruction.FlatFieldCorrection;
import se.ixbi.gpu.reconstruction.ParallelGeometry;
import se.ixbi.gpu.reconstruction.RingSuppression;
import se.ixbi.workers.omezarr.OmeZarrWriter;
import se.ixbi.workers.scan.BadScanException;
import se.ixbi.workers.scan.Projections;
import se.ixbi.workers.scan.ScanFile;

/**
 * read → flat/dark → phase retrieval → park on disk → sinogram slabs → rotation axis → filter → back-project →
 * write the pyramid. Projections are read a block at a time and handled one at a time, slices a slab of rows at a
 * time, so the heap holds a block and a slab, never the scan or the volume.
 */
public final class ReconstructionPipeline {

    /** Above this spread of the projected mass over angles the sample leaves the field of view. */
    public static final double TRUNCATED = 0.05;
    /**
     * Projections are read this many bytes of floats at a time (32 of 512 × 512): a chunk spanning all angles is then
     * read some twenty times, not once per angle.
     */
    static final long READ_BLOCK_BYTES = 32L << 20;

    private final ReconstructionOptions options;
    private final ReconstructionOptions.Physics physics;
    private final Consumer<Progress> progress;

    public ReconstructionPipeline(ReconstructionOptions options, Consumer<Progress> progress) {
        this.options = options;
        this.physics = options.physics();
        this.progress = progress;
    }

    public record Progress(String step, int done, int total) {
    }

    /** @param axisAtDetectorCentre the axis could not be fitted and the detector centre was used */
    public record Result(int slices, int width, double center, boolean axisAtDetectorCentre, double truncation,
            long clampedPixels,
            Map<String, Long> millis) {
    }

    public Result run(Path input, Path output, Path scratch) {
        return run(java.util.List.of(input), output, scratch);
    }

    /** @param inputs one scan, or for CTF one scan per distance (same angles and detector) */
    public Result run(java.util.List<Path> inputs, Path output, Path scratch) {
        Map<String, Long> millis = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        java.util.List<ScanFile> others = new java.util.ArrayList<>();
        try (ScanFile scan = ScanFile.open(inputs.get(0))) {
            for (Path more : inputs.subList(1, inputs.size())) {
                others.add(ScanFile.open(more));
            }
            return run(scan, others, output, scratch, millis, t0);
        } finally {
            others.forEach(ScanFile::close);
        }
    }

    private Result run(ScanFile scan, java.util.List<ScanFile> others, Path output, Path scratch,
            Map<String, Long> millis, long t0) {
        {
            int rows = scan.rows();
            int cols = scan.cols();
            int angles = scan.angles();
            int from = options.output().rowFrom() == null ? 0 : options.output().rowFrom();
            int to = options.output().rowTo() == null ? rows : options.output().rowTo();
            if (from < 0 || to > rows || from >= to) {
                throw new BadScanException("rows " + from + ":" + to + " are outside the detector's 0:" + rows);
            }
            ScanFile.Frames flats = scan.flats();
            ScanFile.Frames darks = scan.darks();
            FlatFieldCorrection correction = FlatFieldCorrection.of(flats.values(), flats.count(), darks.values(),
                    darks.count(), rows * cols);
            PaganinPhaseRetrieval paganin = physics.phase() == ReconstructionOptions.PhaseMode.PAGANIN
                    ? paganin(rows, cols) : null;
            CtfPhaseRetrieval ctf = physics.phase() == ReconstructionOptions.PhaseMode.CTF ? ctf(rows, cols, others.size() + 1)
                    : null;
            java.util.List<FlatFieldCorrection> otherCorrections = new java.util.ArrayList<>();
            for (ScanFile other : others) {
                if (other.angles() != angles || other.rows() != rows || other.cols() != cols) {
                    throw new BadScanException("the scans of the distances differ: " + angles + " × " + rows + " × "
                            + cols + " and " + other.angles() + " × " + other.rows() + " × " + other.cols());
                }
                ScanFile.Frames f = other.flats();
                ScanFile.Frames d = other.darks();
                otherCorrections.add(FlatFieldCorrection.of(f.values(), f.count(), d.values(), d.count(), rows * cols));
            }
            float[] theta = scan.thetaDegrees();
            float[] anglesRad = new float[angles];
            for (int a = 0; a < angles; a++) {
                anglesRad[a] = (float) Math.toRadians(theta[a]);
            }

            // the middle row's attenuation before phase retrieval: where the sample leaves the field of view the axis
            // is found on it (retrieval's low-pass spreads the truncated edges unevenly)
            int middleRow = (from + to) / 2;
            float[] measuredMiddle = new float[angles * cols];
            // phase retrieval needs whole projections, parked on disk to be read back as sinograms; without it the
            // sinograms come straight from the scan
            boolean retrievesPhase = ctf != null || paganin != null;
            try (ProjectionStore store = retrievesPhase ? new ProjectionStore(scratch, rows, cols) : null) {
                Sinograms source = retrievesPhase ? store : new ScanSinograms(scan, correction);
                Projections projections = retrievesPhase ? scan.inOrder(READ_BLOCK_BYTES) : null;
                java.util.List<Projections> otherProjections = others.stream()
                        .map(other -> other.inOrder(READ_BLOCK_BYTES)).toList();
                if (!retrievesPhase) {
                    System.arraycopy(source.sinograms(middleRow, 1, angles), 0, measuredMiddle, 0, angles * cols);
                    progress.accept(new Progress("preprocess", angles, angles));
                }
                for (int a = 0; retrievesPhase && a < angles; a++) {
                    float[] p = projections.next();
                    if (ctf != null) {
                        float[][] images = new float[others.size() + 1][];
                        correction.toTransmission(p, 0);
                        keepAttenuation(p, middleRow, cols, measuredMiddle, a);
                        images[0] = p;
                        for (int d = 0; d < others.size(); d++) {
                            images[d + 1] = otherProjections.get(d).next();
                            otherCorrections.get(d).toTransmission(images[d + 1], 0);
                        }
                        float[] retrieved = new float[rows * cols];
                        ctf.retrieve(images, retrieved, 0);
                        store.write(a, retrieved);
                    } else {
                        correction.toTransmission(p, 0);
                        keepAttenuation(p, middleRow, cols, measuredMiddle, a);
                        float[] q = null;
                        if (a + 1 < angles) {
                            q = projections.next();
                            correction.toTransmission(q, 0);
                            keepAttenuation(q, middleRow, cols, measuredMiddle, a + 1);
                        }
                        paganin.retrievePair(p, 0, p, 0, q, 0, q, 0);
                        store.write(a, p);
                        if (q != null) {
                            store.write(++a, q);
                        }
                    }
                    progress.accept(new Progress("preprocess", a + 1, angles));
                }
                millis.put("read+preprocess", (System.nanoTime() - t0) / 1_000_000);

                long t1 = System.nanoTime();
                int middle = (from + to) / 2;
                float[] middleSinogram = retrievesPhase ? source.sinograms(middle, 1, angles) : measuredMiddle;
                double truncation = CenterOfRotation.truncation(middleSinogram, angles, cols);
                boolean axisGuessed = false;
                double center;
                if (physics.center() != null) {
                    center = physics.center();
                } else {
                    try {
                        // a sample that leaves the field of view takes mass with it: the centre-of-mass fit drifts
                        Double mirrored = truncation > TRUNCATED ? CenterOfRotation.mirrored(measuredMiddle, anglesRad,
                                cols) : null;
                        center = mirrored != null ? mirrored
                                : CenterOfRotation.estimate(middleSinogram, anglesRad, cols);
                    } catch (IllegalArgumentException e) {
                        // nothing in the middle row to fit (a sample that fills or misses it): the detector centre,
                        // as tomography tools assume without an axis, and the result says so
                        center = (cols - 1) / 2.0;
                        axisGuessed = true;
                    }
                }
                ParallelGeometry geometry = new ParallelGeometry(anglesRad, cols, center);
                // line integrals in voxels give attenuation per voxel; per metre needs the voxel size
                float scale = physics.pixelSizeUm() == null ? 1f : (float) (1e6 / physics.pixelSizeUm());

                int slices = to - from;
                double voxelUm = physics.pixelSizeUm() == null ? 1.0 : physics.pixelSizeUm();
                int chunk = 64;
                Map<String, Object> attrs = Map.of("ixbi", Map.of(
                        "quantity", "linear attenuation coefficient",
                        "unit", physics.pixelSizeUm() == null ? "1/voxel" : "1/m",
                        "rows", from + ":" + to));
                ExecutorService writerThread = Executors.newSingleThreadExecutor();
                try (OmeZarrWriter writer = new OmeZarrWriter(output, slices, cols, cols, voxelUm,
                        OmeZarrWriter.levelsFor(Math.min(slices, cols), chunk), chunk, options.output().compressor(), attrs)) {
                    int slab = Math.max(2, options.output().slabRows());
                    SliceReconstructor reconstructor = physics.method() == ReconstructionOptions.Method.GRIDREC
                            ? new GridrecSlices(geometry, physics.filter())
                            : new FbpSlices(geometry, physics.filter(), options.backend());
                    RingSuppression rings = physics.ringSuppression() ? new RingSuppression(9) : null;
                    CompletableFuture<Void> pendingWrite = CompletableFuture.completedFuture(null);
                    try {
                        for (int r0 = from; r0 < to; r0 += slab) {
                            int count = Math.min(slab, to - r0);
                            float[] sinograms = source.sinograms(r0, count, angles);
                            if (rings != null) {
                                IntStream.range(0, count).parallel().forEach(i -> {
                                    float[] sino = java.util.Arrays.copyOfRange(sinograms, i * angles * cols,
                                            (i + 1) * angles * cols);
                                    rings.apply(sino, angles, cols);
                                    System.arraycopy(sino, 0, sinograms, i * angles * cols, sino.length);
                                });
                            }
                            float[][] out = reconstructor.reconstruct(sinograms, count, angles * cols, cols);
                            if (scale != 1f) {
                                for (float[] slice : out) {
                                    for (int k = 0; k < slice.length; k++) {
                                        slice[k] *= scale;
                                    }
                                }
                            }
                            // compressing and writing this slab overlaps reconstructing the next one
                            int done = r0 + count - from;
                            pendingWrite.join();
                            pendingWrite = CompletableFuture.runAsync(() -> {
                                for (float[] slice : out) {
                                    writer.addSlice(slice);
                                }
                                progress.accept(new Progress("reconstruct", done, slices));
                            }, writerThread);
                        }
                        pendingWrite.join();
                        writer.commit();
                    } catch (RuntimeException | Error e) {
                        // the image is removed when the writer closes: let the write in flight finish first
                        pendingWrite.exceptionally(ignored -> null).join();
                        if (e instanceof java.util.concurrent.CompletionException c
                                && c.getCause() instanceof RuntimeException cause) {
                            throw cause;
                        }
                        throw e;
                    }
                } finally {
                    writerThread.shutdown();
                }
                millis.put("reconstruct+write", (System.nanoTime() - t1) / 1_000_000);
                millis.put("total", (System.nanoTime() - t0) / 1_000_000);
                return new Result(slices, cols, center, axisGuessed, truncation, correction.clampedPixels(), millis);
            }
        }
    }

    private CtfPhaseRetrieval ctf(int rows, int cols, int scans) {
        if (physics.deltaBeta() == null || physics.energyKev() == null || physics.distancesM() == null
                || physics.pixelSizeUm() == null) {
            throw new IllegalArgumentException(
                    "CTF phase retrieval needs --delta-beta, --energy-kev, --distance-m and --pixel-size-um");
        }
        if (scans < 2 || physics.distancesM().size() != scans) {
            throw new IllegalArgumentException("CTF phase retrieval needs one --input per distance, 2 to 4, and as "
                    + "many --distance-m values; got " + scans + " inputs and " + physics.distancesM().size()
                    + " distances");
        }
        double[] z = physics.distancesM().stream().mapToDouble(Double::doubleValue).toArray();
        return new CtfPhaseRetrieval(rows, cols, physics.energyKev(), physics.pixelSizeUm() * 1e-6, z,
                physics.deltaBeta(), 1e-2);
    }

    private PaganinPhaseRetrieval paganin(int rows, int cols) {
        if (physics.deltaBeta() == null || physics.energyKev() == null || physics.distanceM() == null
                || physics.pixelSizeUm() == null) {
            throw new IllegalArgumentException(
                    "Paganin phase retrieval needs --delta-beta, --energy-kev, --distance-m and --pixel-size-um");
        }
        Beam beam = new Beam(physics.energyKev(), physics.distanceM(), physics.pixelSizeUm() * 1e-6);
        return new PaganinPhaseRetrieval(rows, cols, beam, physics.deltaBeta());
    }

    /** Row {@code row} of a transmission image as attenuation (−ln t), into row {@code angle} of a sinogram. */
    private static void keepAttenuation(float[] transmission, int row, int cols, float[] sinogram, int angle) {
        for (int u = 0; u < cols; u++) {
            sinogram[angle * cols + u] = (float) -Math.log(Math.max(1e-6f, transmission[row * cols + u]));
        }
    }
}
