package se.ixbi.workers.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.gpu.phantom.SlicePhantom;
import se.ixbi.gpu.phase.Beam;
import se.ixbi.gpu.phase.CtfPhaseRetrieval;
import se.ixbi.gpu.phase.PaganinPhaseRetrieval;
import se.ixbi.gpu.reconstruction.CpuBackProjector;
import se.ixbi.gpu.reconstruction.CudaBackProjector;
import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.gpu.reconstruction.ParallelGeometry;
import se.ixbi.gpu.reconstruction.RampFilter;
import se.ixbi.gpu.tomography.Backend;
import se.ixbi.gpu.tomography.Physics;
import se.ixbi.workers.omezarr.ChunkCodec;
import se.ixbi.workers.reconstruction.ReconstructionOptions;
import se.ixbi.workers.reconstruction.ReconstructionPipeline;
import se.ixbi.workers.scan.ScanSimulator;

/** Prints the figures the reconstruction targets are stated in, as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: back-projection GUPS, Paganin ms per projection, end-to-end seconds and peak heap.",
            "With --registration: registration time and error beside elastix 5."})
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "256,512",
            description = "end-to-end scan sizes N (N³ from 720 projections; default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--paganin-size", defaultValue = "2048", description = "projection edge for Paganin (default ${DEFAULT-VALUE})")
    int paganinSize;

    @Option(names = "--registration",
            description = "benchmark registration instead, beside elastix 5 when it is installed")
    boolean registration;

    @Option(names = "--work-dir", description = "where scans and volumes are written (default: a temporary folder)")
    Path workDir;

    @Option(names = "--scan", description = {"time a user's command on this scan instead: `reconstruct --input SCAN "
            + "--phase none` in a new JVM, start and writing included, three times",
            "(a beamline's layout from the simulator's: tools/beamline-chunks.py)"})
    Path scan;

    private final List<String[]> rows = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, max heap %d MiB, %s %s%n", threads,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        if (registration) {
            new RegistrationBench(workDir != null ? Files.createDirectories(workDir)
                    : Files.createTempDirectory("ixbi-bench-registration")).run();
            return 0;
        }
        if (scan != null) {
            asAUserRunsIt(scan, workDir != null ? Files.createDirectories(workDir)
                    : Files.createTempDirectory("ixbi-bench"));
            print();
            return 0;
        }
        backProjection(512, 720, threads);
        cudaBackProjection(512, 720);
        filtering(512, 720);
        paganin(paganinSize);
        ctf(paganinSize);
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("ixbi-bench");
        for (int n : sizes) {
            endToEnd(n, 720, dir);
        }
        print();
        return 0;
    }

    private void backProjection(int n, int angles, int threads) {
        ParallelGeometry g = ParallelGeometry.halfCircle(angles, n);
        float[] sinogram = SlicePhantom.tissue(n, 1.0, 1).sinogram(g);
        int slices = 4 * threads;
        float[][] out = new float[slices][n * n];
        Runnable run = () -> IntStream.range(0, slices).parallel()
                .forEach(s -> new CpuBackProjector().backproject(sinogram, g, out[s], n));
        run.run();
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t = System.nanoTime();
            run.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        double updates = (double) slices * n * n * angles;
        row("back-projection (CPU, linear)", "%.2f GUPS".formatted(updates / best),
                "%d slices %d² × %d angles, %d threads".formatted(slices, n, angles, threads));
    }

    /** The same slices on the GPU, and how far they are from the CPU's. */
    private void cudaBackProjection(int n, int angles) {
        CudaRuntime.Availability cuda = CudaRuntime.availability();
        if (!cuda.available()) {
            row("back-projection (CUDA)", "not available", cuda.description());
            return;
        }
        ParallelGeometry g = ParallelGeometry.halfCircle(angles, n);
        float[] sinogram = SlicePhantom.tissue(n, 1.0, 1).sinogram(g);
        float[] cpu = new float[n * n];
        new CpuBackProjector().backproject(sinogram, g, cpu, n);
        float[] gpu = new float[n * n];
        try (CudaBackProjector projector = new CudaBackProjector()) {
            projector.backproject(sinogram, g, gpu, n);
            int slices = 32;
            float[] slab = new float[slices * sinogram.length];
            for (int s = 0; s < slices; s++) {
                System.arraycopy(sinogram, 0, slab, s * sinogram.length, sinogram.length);
            }
            projector.backprojectSlab(slab, slices, g, n);
            long t = System.nanoTime();
            projector.backprojectSlab(slab, slices, g, n);
            long elapsed = System.nanoTime() - t;
            double maxDiff = 0;
            for (int i = 0; i < n * n; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(gpu[i] - cpu[i]));
            }
            row("back-projection (CUDA)", "%.2f GUPS".formatted((double) slices * n * n * angles / elapsed),
                    "%s, a slab of %d slices with its copies overlapped, max |GPU − CPU| %.1e"
                            .formatted(cuda.description(), slices, maxDiff));
        }
    }

    private void filtering(int width, int angles) {
        float[] sinogram = new float[angles * width];
        java.util.Arrays.fill(sinogram, 1f);
        RampFilter filter = new RampFilter(width, FilterWindow.SHEPP_LOGAN);
        filter.applyToSinogram(sinogram, angles);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t = System.nanoTime();
            filter.applyToSinogram(sinogram, angles);
            best = Math.min(best, System.nanoTime() - t);
        }
        row("ramp filter (one thread)", "%.2f ms per sinogram".formatted(best / 1e6),
                "%d angles × %d".formatted(angles, width));
    }

    private void paganin(int n) {
        PaganinPhaseRetrieval p = new PaganinPhaseRetrieval(n, n, new Beam(20, 0.1, 1e-6), 1000);
        float[] image = new float[n * n];
        java.util.Arrays.fill(image, 0.9f);
        float[] second = image.clone();
        float[] out = new float[n * n];
        float[] out2 = new float[n * n];
        p.retrievePair(image, 0, out, 0, second, 0, out2, 0);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime();
            p.retrievePair(image, 0, out, 0, second, 0, out2, 0);
            best = Math.min(best, (System.nanoTime() - t) / 2);
        }
        row("Paganin", "%.0f ms per projection".formatted(best / 1e6),
                "%d², 20 keV, 0.1 m, 1 µm, δ/β 1000; two per complex FFT, all cores".formatted(n));
    }

    private void ctf(int n) {
        double[] distances = {0.1, 0.25, 0.5};
        CtfPhaseRetrieval ctf = new CtfPhaseRetrieval(n, n, 20, 1e-6, distances, 1000, 1e-2);
        float[][] images = new float[distances.length][n * n];
        for (float[] image : images) {
            java.util.Arrays.fill(image, 0.9f);
        }
        float[] out = new float[n * n];
        ctf.retrieve(images, out, 0);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime();
            ctf.retrieve(images, out, 0);
            best = Math.min(best, System.nanoTime() - t);
        }
        row("CTF, 3 distances", "%.0f ms per projection".formatted(best / 1e6),
                "%d² at 0.10/0.25/0.50 m, 20 keV, 1 µm, δ/β 1000, all cores".formatted(n));
    }

    private void endToEnd(int n, int angles, Path dir) {
        Path scan = dir.resolve("bench-" + n + ".h5");
        if (!Files.exists(scan)) {
            ScanSimulator.write(new ScanSimulator.Settings(n, angles, 20, 1.0, null, 0.005, 20000, 10, 5, 1, 1), scan);
        }
        Path out = dir.resolve("bench-" + n + "-" + System.nanoTime() + ".zarr");
        System.gc();
        resetPeaks();
        long t = System.nanoTime();
        var options = new ReconstructionOptions(
                new Physics(Physics.Method.GRIDREC,
                        Physics.PhaseMode.NONE, null, null, null, 1.0, null, FilterWindow.SHEPP_LOGAN,
                        false, false),
                ReconstructionOptions.Output.whole(ChunkCodec.ZSTD), Backend.CPU);
        new ReconstructionPipeline(options, p -> { }).run(scan, out, dir);
        double seconds = (System.nanoTime() - t) / 1e9;
        row("end to end, %d³ from %d projections (gridrec)".formatted(n, angles), "%.1f s".formatted(seconds),
                "peak heap %d MiB (read, flat/dark, gridrec, zstd pyramid write)".formatted(peakHeap() >> 20));
    }

    /** The reconstruct command as a person runs it, in its own JVM: start, read, reconstruct, write. */
    private void asAUserRunsIt(Path scanFile, Path dir) throws Exception {
        if (!Files.isRegularFile(scanFile)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no scan file at " + scanFile);
        }
        double best = Double.MAX_VALUE;
        List<String> each = new ArrayList<>();
        String breakdown = "";
        for (int rep = 0; rep < 3; rep++) {
            Path out = dir.resolve("bench-scan-" + System.nanoTime() + ".zarr");
            List<String> command = ThisCommand.with("reconstruct", "--input", scanFile.toString(), "--output",
                    out.toString(), "--phase", "none");
            long t = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int exit = process.waitFor();
            double seconds = (System.nanoTime() - t) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("reconstruct exited " + exit + ":\n" + printed);
            }
            best = Math.min(best, seconds);
            each.add("%.1f".formatted(seconds));
            breakdown = printed.lines().filter(l -> l.startsWith("time: ")).findFirst().orElse(breakdown);
            System.out.printf("  run %d: %.1f s (%s)%n", rep + 1, seconds, breakdown);
            deleteTree(out);
        }
        row("reconstruct --phase none on " + scanFile.getFileName(), "%.1f s".formatted(best),
                "a new JVM each, start and writing included; runs %s s; last %s".formatted(String.join(", ", each),
                        breakdown));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private void row(String what, String figure, String detail) {
        rows.add(new String[] {what, figure, detail});
        System.out.printf("  %s: %s%n", what, figure);
    }

    private void print() {
        System.out.println();
        System.out.printf("| %-40s | %-22s | %s |%n", "benchmark", "result", "conditions");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(42), "-".repeat(24), "-".repeat(50));
        for (String[] r : rows) {
            System.out.printf("| %-40s | %-22s | %s |%n", r[0], r[1], r[2]);
        }
    }
}
