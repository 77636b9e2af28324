package se.ixbi.workers.reconstruction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import se.ixbi.gpu.cuda.CudaRuntime;
import se.ixbi.gpu.reconstruction.FilterWindow;
import se.ixbi.gpu.tomography.Backend;
import se.ixbi.gpu.tomography.Physics;
import se.ixbi.gpu.tomography.ReconstructionChain;
import se.ixbi.workers.cli.ExitCodes;
import se.ixbi.workers.omezarr.ChunkCodec;
import se.ixbi.workers.scan.BadScanException;
import se.ixbi.workers.scan.ScanSet;
import se.ixbi.workers.version.WorkersVersion;

@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Reconstruct a DXchange HDF5 scan into an OME-Zarr volume (NGFF 0.4, multiscale).")
public class ReconstructCommand implements Callable<Integer> {

    @Option(names = "--input", required = true,
            description = "DXchange HDF5 scan; for --phase ctf one per distance, in the order of --distance-m, or a "
                    + "scan set (a folder with " + ScanSet.INDEX + ", as simulate-scan --scan-set writes): CTF over "
                    + "its distances")
    List<Path> inputs;

    @Option(names = "--output", required = true, description = "OME-Zarr directory to create")
    Path output;

    @Option(names = "--phase", defaultValue = "none",
            description = "none | paganin (one distance) | ctf (2-4 distances); default ${DEFAULT-VALUE}")
    String phase;

    @Option(names = "--delta-beta", description = "δ/β of the sample material (Paganin)")
    Double deltaBeta;

    @Option(names = "--energy-kev", description = "photon energy")
    Double energyKev;

    @Option(names = "--distance-m", split = ",", description = "propagation distance(s) in metres")
    List<Double> distances;

    @Option(names = "--pixel-size-um", description = "pixel size; values become 1/m (without: per voxel)")
    Double pixelSizeUm;

    @Option(names = "--center", defaultValue = "auto", description = "rotation axis in pixels, or auto (default)")
    String center;

    @Option(names = "--method", defaultValue = "gridrec",
            description = "gridrec (Fourier gridding, fast) | fbp (direct back projection, the reference); default ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--filter", defaultValue = "shepp-logan", description = "ramp | shepp-logan | cosine | hann")
    String filter;

    @Option(names = "--rings", description = "suppress ring artefacts")
    boolean rings;

    @Option(names = "--zingers", description = "replace zingers: single pixels of a projection 20 % brighter than "
            + "their 3 × 3 neighbourhood's median")
    boolean zingers;

    @Option(names = "--rows", description = "detector rows A:B to reconstruct (end exclusive)")
    String rows;

    @Option(names = "--backend", defaultValue = "auto",
            description = "auto (CUDA for fbp where a GPU is usable, else CPU) | cpu | cuda; default ${DEFAULT-VALUE}")
    String backend;

    @Option(names = "--compressor", defaultValue = "zstd",
            description = "chunk compression: zstd (fast), zlib (widest reader support) or none; default ${DEFAULT-VALUE}")
    String compressor;

    @Option(names = "--slab-rows", defaultValue = "32", hidden = true)
    int slabRows;

    @Override
    public Integer call() throws IOException {
        ReconstructionOptions options;
        try {
            if (inputs.size() == 1 && Files.isDirectory(inputs.get(0))) {
                takeScanSet(inputs.get(0));
            }
            options = options();
        } catch (BadScanException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (Files.exists(output)) {
            System.err.println("error: " + output + " exists; choose a new output");
            return 2;
        }
        if (inputs.size() > 1 && options.physics().phase() != Physics.PhaseMode.CTF) {
            System.err.println("error: several --input scans are only used by --phase ctf");
            return 2;
        }
        PrintStream err = System.err;
        boolean terminal = System.console() != null;
        long started = System.currentTimeMillis();
        ReconstructionChain.Result result;
        try {
            Path scratch = output.toAbsolutePath().getParent();
            Files.createDirectories(scratch);
            result = new ReconstructionPipeline(options, p -> {
                if (terminal || p.done() == p.total()) {
                    err.printf("%s%-12s %5.1f %% (%d/%d)%s", terminal ? "\r" : "", p.step(),
                            100.0 * p.done() / p.total(), p.done(), p.total(), terminal && p.done() < p.total() ? "" : "\n");
                }
            }).run(inputs, output, scratch);
        } catch (BadScanException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        writeProvenance(options, result, started);
        System.err.printf("wrote %s: %d slices of %d × %d, rotation axis %.2f px, %d ms%n", output, result.slices(),
                result.width(), result.width(), result.center(), result.millis().get("total"));
        System.err.println("time: " + result.millis().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(java.util.stream.Collectors.joining(", ")));
        if (result.axisAtDetectorCentre()) {
            System.err.println("warning: the middle row does not determine the rotation axis; the detector centre "
                    + "was used (give --center to set it)");
        }
        if (result.truncation() > ReconstructionPipeline.TRUNCATED) {
            System.err.printf("warning: projected mass varies by %.0f %% over angles: the sample leaves the field "
                    + "of view; the axis was found by mirroring the projection at 180° onto the one at 0°%n",
                    100 * result.truncation());
        }
        return 0;
    }

    /** A scan set's files become the inputs, and its distances the phase retrieval's (CTF from two on). */
    private void takeScanSet(Path folder) {
        ScanSet set = ScanSet.read(folder);
        List<Double> setDistances = set.distancesMm().stream().map(mm -> mm / 1000).toList();
        if (distances != null && !distances.equals(setDistances)) {
            throw new IllegalArgumentException("--distance-m " + distances + " are not the scan set's distances, "
                    + setDistances + " m");
        }
        distances = setDistances;
        inputs = set.files(folder);
        if ("none".equals(phase)) {
            phase = inputs.size() > 1 ? "ctf" : "paganin";
        }
    }

    private ReconstructionOptions options() {
        Physics.Method algorithm = switch (method) {
            case "fbp" -> Physics.Method.FBP;
            case "gridrec" -> Physics.Method.GRIDREC;
            default -> throw new IllegalArgumentException("--method must be gridrec or fbp, was " + method);
        };
        Physics.PhaseMode mode = switch (phase) {
            case "none" -> Physics.PhaseMode.NONE;
            case "paganin" -> Physics.PhaseMode.PAGANIN;
            case "ctf" -> Physics.PhaseMode.CTF;
            default -> throw new IllegalArgumentException("--phase must be none, paganin or ctf, was " + phase);
        };
        Integer from = null;
        Integer to = null;
        if (rows != null) {
            String[] parts = rows.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--rows must look like 100:200");
            }
            from = Integer.parseInt(parts[0].trim());
            to = Integer.parseInt(parts[1].trim());
        }
        Double axis = center.equals("auto") ? null : Double.valueOf(center);
        FilterWindow window;
        try {
            window = FilterWindow.parse(filter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--filter must be ramp, shepp-logan, cosine or hann, was " + filter);
        }
        return new ReconstructionOptions(
                new Physics(algorithm, mode, deltaBeta, energyKev, distances, pixelSizeUm, axis,
                        window, rings, zingers),
                new ReconstructionOptions.Output(from, to, slabRows, codec()), backend(algorithm));
    }

    private Backend backend(Physics.Method algorithm) {
        return BackendChoice.choose("--backend", backend, algorithm, CudaRuntime.availability());
    }

    private ChunkCodec codec() {
        try {
            return ChunkCodec.valueOf(compressor.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--compressor must be zstd, zlib or none, was " + compressor);
        }
    }

    private void writeProvenance(ReconstructionOptions options, ReconstructionChain.Result result, long started)
            throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("software", WorkersVersion.NAME);
        p.put("command", "reconstruct");
        p.put("startedAt", Instant.ofEpochMilli(started).toString());
        p.put("input", inputs.size() == 1 ? inputs.get(0).toAbsolutePath().toString()
                : inputs.stream().map(i -> i.toAbsolutePath().toString()).toList());
        p.put("output", output.toAbsolutePath().toString());
        p.put("backend", options.backend().name().toLowerCase());
        if (options.backend() == Backend.CUDA) {
            p.put("device", CudaRuntime.availability().description());
        }
        p.put("method", options.physics().method());
        p.put("threads", Runtime.getRuntime().availableProcessors());
        Map<String, Object> parameters = new LinkedHashMap<>(options.parameters());
        parameters.put("center", options.physics().center());
        parameters.put("rows", options.output().rowFrom() == null ? "all"
                : options.output().rowFrom() + ":" + options.output().rowTo());
        parameters.put("slabRows", options.output().slabRows());
        p.put("parameters", parameters);
        p.put("rotationAxisPx", result.center());
        p.put("rotationAxisAtDetectorCentre", result.axisAtDetectorCentre());
        p.put("truncation", result.truncation());
        p.put("clampedPixels", result.clampedPixels());
        if (zingers) {
            p.put("zingersReplaced", result.zingersReplaced());
        }
        p.put("timingsMs", result.millis());
        Path file = output.resolveSibling(output.getFileName() + ".provenance.json");
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(p));
    }
}
