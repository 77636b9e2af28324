package se.ixbi.workers.registration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import se.ixbi.workers.runtime.BusinessFailure;

/**
 * A registration into the X-ray volume as both correlative stages report it: the figures a reviewer judges it by
 * ({@code <prefix>RegistrationMetric}, {@code Overlap}, {@code ErrorUm}), and the two checks every placement must
 * pass, enough of it inside the volume and stable to two X-ray voxels, failing with those figures.
 */
final class Placement {

    private Placement() {
    }

    /**
     * @param what what was placed, as the message names it ("vEM block")
     * @param moved what a second run moves, as the message names it ("the block")
     */
    static Map<String, Object> checked(String prefix, String what, String moved, double metric, double overlap,
            double minOverlap, double precisionUm, double voxelUm, String errorCode) throws BusinessFailure {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(prefix + "RegistrationMetric", round(metric));
        figures.put(prefix + "RegistrationOverlap", round(overlap));
        figures.put(prefix + "RegistrationErrorUm", round(precisionUm));
        if (overlap < minOverlap) {
            throw new BusinessFailure(errorCode, String.format(Locale.ROOT, "only %.0f %% of the %s lies inside the"
                    + " X-ray volume (MI %.3f)", 100 * overlap, what, metric), figures);
        }
        if (precisionUm > 2 * voxelUm) {
            throw new BusinessFailure(errorCode, String.format(Locale.ROOT, "the placement is not stable: a second"
                    + " run moves %s by %.2f µm (over two X-ray voxels of %.2f µm; MI %.3f)", moved, precisionUm,
                    voxelUm, metric), figures);
        }
        return figures;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
