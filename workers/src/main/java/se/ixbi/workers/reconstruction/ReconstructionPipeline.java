package se.ixbi.workers.reconstruction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import se.ixbi.gpu.tomography.ProjectionSource;
import se.ixbi.gpu.tomography.ReconstructionChain;
import se.ixbi.gpu.tomography.SliceSink;
import se.ixbi.gpu.tomography.UnusableScanException;
import se.ixbi.workers.omezarr.OmeZarrWriter;
import se.ixbi.workers.scan.BadScanException;
import se.ixbi.workers.scan.ScanFile;

/**
 * gpu's {@link ReconstructionChain} on DXchange files, written as an OME-Zarr pyramid: the files are the chain's
 * projection sources, the writer its slice sink. A scan the chain cannot use is a {@link BadScanException}, as any
 * other unreadable scan.
 */
public final class ReconstructionPipeline {

    /** Above this spread of the projected mass over angles the sample leaves the field of view. */
    public static final double TRUNCATED = ReconstructionChain.TRUNCATED;
    static final int CHUNK = 64;

    private final ReconstructionOptions options;
    private final Consumer<ReconstructionChain.Progress> progress;

    public ReconstructionPipeline(ReconstructionOptions options, Consumer<ReconstructionChain.Progress> progress) {
        this.options = options;
        this.progress = progress;
    }

    public ReconstructionChain.Result run(Path input, Path output, Path scratch) {
        return run(List.of(input), output, scratch);
    }

    /** @param inputs one scan, or for CTF one scan per distance (same angles and detector) */
    public ReconstructionChain.Result run(List<Path> inputs, Path output, Path scratch) {
        List<ScanFile> others = new ArrayList<>();
        try (ScanFile scan = ScanFile.open(inputs.get(0))) {
            for (Path more : inputs.subList(1, inputs.size())) {
                others.add(ScanFile.open(more));
            }
            SliceSink.Opener pyramid = (slices, height, width, voxelUm, attributes) -> new OmeZarrWriter(output,
                    slices, height, width, voxelUm, OmeZarrWriter.levelsFor(Math.min(slices, width), CHUNK), CHUNK,
                    options.output().compressor(), attributes);
            return new ReconstructionChain(options.physics(), options.output().slices(), options.backend(), progress)
                    .run(scan, List.<ProjectionSource>copyOf(others), pyramid, scratch);
        } catch (UnusableScanException e) {
            throw new BadScanException(e.getMessage());
        } finally {
            others.forEach(ScanFile::close);
        }
    }
}
