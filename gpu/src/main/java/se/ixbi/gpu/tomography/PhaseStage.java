package se.ixbi.gpu.tomography;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import se.ixbi.gpu.phase.Beam;
import se.ixbi.gpu.phase.CtfPhaseRetrieval;
import se.ixbi.gpu.phase.PaganinPhaseRetrieval;
import se.ixbi.gpu.reconstruction.FlatFieldCorrection;

/**
 * The phase stage, with the reading and flat/dark correction it needs. Phase retrieval needs whole projections:
 * they are read in order, corrected, retrieved (Paganin, or CTF over one scan per distance) and parked on disk to be
 * read back as sinograms. Without it the sinograms come straight from the scan, a band of rows at a time.
 */
final class PhaseStage {

    /**
     * Projections are read this many bytes of floats at a time (32 of 512 × 512): a chunk spanning all angles is then
     * read some twenty times, not once per angle.
     */
    static final long READ_BLOCK_BYTES = 32L << 20;

    private final PaganinPhaseRetrieval paganin;
    private final CtfPhaseRetrieval ctf;

    private PhaseStage(PaganinPhaseRetrieval paganin, CtfPhaseRetrieval ctf) {
        this.paganin = paganin;
        this.ctf = ctf;
    }

    static PhaseStage of(Physics physics, int rows, int cols, int scans) {
        return switch (physics.phase()) {
            case NONE -> new PhaseStage(null, null);
            case PAGANIN -> new PhaseStage(paganin(physics, rows, cols), null);
            case CTF -> new PhaseStage(null, ctf(physics, rows, cols, scans));
        };
    }

    /** Sinograms to reconstruct from, and the middle row's attenuation as measured. Close it when done. */
    static final class Preprocessed implements AutoCloseable {
        final Sinograms sinograms;
        final float[] measuredMiddle;
        private final ProjectionStore parked;

        Preprocessed(Sinograms sinograms, float[] measuredMiddle, ProjectionStore parked) {
            this.sinograms = sinograms;
            this.measuredMiddle = measuredMiddle;
            this.parked = parked;
        }

        @Override
        public void close() {
            if (parked != null) {
                parked.close();
            }
        }
    }

    Preprocessed run(ProjectionSource scan, Zingers zingers, FlatFieldCorrection flatDark, List<ProjectionSource> others,
            List<FlatFieldCorrection> otherFlatDarks, int middleRow, Path scratch,
            Consumer<ReconstructionChain.Progress> progress) {
        int angles = scan.angles();
        int rows = scan.rows();
        int cols = scan.cols();
        // the middle row's attenuation before phase retrieval: where the sample leaves the field of view the axis is
        // found on it (retrieval's low-pass spreads the truncated edges unevenly)
        float[] measuredMiddle = new float[angles * cols];
        if (paganin == null && ctf == null) {
            Sinograms direct = new DirectSinograms(scan, zingers, flatDark);
            System.arraycopy(direct.sinograms(middleRow, 1, angles), 0, measuredMiddle, 0, angles * cols);
            progress.accept(new ReconstructionChain.Progress("preprocess", angles, angles));
            return new Preprocessed(direct, measuredMiddle, null);
        }
        ProjectionStore store = new ProjectionStore(scratch, rows, cols);
        try {
            ProjectionStream projections = scan.inOrder(READ_BLOCK_BYTES);
            List<ProjectionStream> otherProjections = others.stream().map(o -> o.inOrder(READ_BLOCK_BYTES)).toList();
            for (int a = 0; a < angles; a++) {
                float[] p = projections.next();
                if (ctf != null) {
                    float[][] images = new float[others.size() + 1][];
                    zingers.remove(p, 0, rows, cols);
                    flatDark.toTransmission(p, 0);
                    keepAttenuation(p, middleRow, cols, measuredMiddle, a);
                    images[0] = p;
                    for (int d = 0; d < others.size(); d++) {
                        images[d + 1] = otherProjections.get(d).next();
                        zingers.remove(images[d + 1], 0, rows, cols);
                        otherFlatDarks.get(d).toTransmission(images[d + 1], 0);
                    }
                    float[] retrieved = new float[rows * cols];
                    ctf.retrieve(images, retrieved, 0);
                    store.write(a, retrieved);
                } else {
                    zingers.remove(p, 0, rows, cols);
                    flatDark.toTransmission(p, 0);
                    keepAttenuation(p, middleRow, cols, measuredMiddle, a);
                    float[] q = null;
                    if (a + 1 < angles) {
                        q = projections.next();
                        zingers.remove(q, 0, rows, cols);
                        flatDark.toTransmission(q, 0);
                        keepAttenuation(q, middleRow, cols, measuredMiddle, a + 1);
                    }
                    paganin.retrievePair(p, 0, p, 0, q, 0, q, 0);
                    store.write(a, p);
                    if (q != null) {
                        store.write(++a, q);
                    }
                }
                progress.accept(new ReconstructionChain.Progress("preprocess", a + 1, angles));
            }
            return new Preprocessed(store, measuredMiddle, store);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private static CtfPhaseRetrieval ctf(Physics physics, int rows, int cols, int scans) {
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

    private static PaganinPhaseRetrieval paganin(Physics physics, int rows, int cols) {
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
