package se.ixbi.gpu.tomography;

import java.util.concurrent.atomic.LongAdder;

import se.ixbi.gpu.reconstruction.ZingerRemoval;

/**
 * The zinger stage: single bright pixels of the raw counts (scattered or cosmic photons hitting the detector) replaced
 * by the median of their 3 × 3 neighbourhood where they exceed it by more than {@value #THRESHOLD} of it, before the
 * flat field; counted. Off unless the physics asks for it.
 */
final class Zingers {

    /** Relative excess over the local median: far above photon noise at beamline counts, far below a zinger. */
    static final float THRESHOLD = 0.2f;

    private final ZingerRemoval removal;
    private final LongAdder replaced = new LongAdder();

    private Zingers(ZingerRemoval removal) {
        this.removal = removal;
    }

    static Zingers of(Physics physics) {
        return new Zingers(physics.zingerRemoval() ? new ZingerRemoval(THRESHOLD) : null);
    }

    boolean active() {
        return removal != null;
    }

    /** Removes the zingers of an image of {@code rows × cols} raw counts at {@code offset}, in place. */
    void remove(float[] counts, int offset, int rows, int cols) {
        if (removal != null) {
            replaced.add(removal.apply(counts, offset, rows, cols));
        }
    }

    long replaced() {
        return replaced.sum();
    }
}
