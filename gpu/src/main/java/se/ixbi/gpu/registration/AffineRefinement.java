package se.ixbi.gpu.registration;

/**
 * The distortion a FIB-SEM block keeps after its slices are aligned: the stage's steady creep, which slice-to-slice
 * alignment cannot tell from structure and so leaves in place, shears the block along its milling axis (and resin
 * shrinkage scales it a little). A rigid placement is refined as an affine, and the affine kept when it explains the
 * block better (Mattes MI up by at least {@value #MIN_GAIN} of the rigid value) and its linear part departs from a
 * rotation ({@code max |AᵀA − I|}) by between {@value #MIN_DISTORTION} and {@value #MAX_DISTORTION}: what creep and
 * shrinkage do. Below, the affine is what fitting noise gives — 0.04–0.065 on steady blocks, against the phantom
 * rendered and against a reconstruction, with MI gains up to 1.1 % and the block moved by up to 1.8 µm — and the
 * rigid placement stands; above, it is not a creep.
 */
public final class AffineRefinement {

    static final double MIN_GAIN = 0.005;
    static final double MIN_DISTORTION = 0.1;
    static final double MAX_DISTORTION = 0.2;

    /** The placement kept, whether it is the affine, and the figures that decided. */
    public record Outcome(RegistrationResult result, boolean affine, double metricGain, double distortion,
            double shiftUm) {
    }

    private AffineRefinement() {
    }

    public static Outcome refine(RegistrationResult rigid, Volume fixed, Volume moving, RegistrationOptions options) {
        // one pass: a small block leaves the affine's MI flat in some directions, and further passes wander along them
        RegistrationResult affine = new Registration(RegistrationOptions.defaults(TransformModel.AFFINE,
                options.metric()).withSearch(0, 0).withInitial(rigid.fixedToMoving()).withSeed(options.seed()))
                .register(fixed, moving);
        double gain = (affine.metricValue() - rigid.metricValue()) / Math.abs(rigid.metricValue());
        double distortion = distortion(affine.fixedToMoving());
        double[] low = fixed.origin();
        double[] high = {low[0] + fixed.extent(0), low[1] + fixed.extent(1), low[2] + fixed.extent(2)};
        double shift = affine.fixedToMoving().maxDisplacement(rigid.fixedToMoving(), low, high);
        boolean keep = gain >= MIN_GAIN && distortion >= MIN_DISTORTION && distortion <= MAX_DISTORTION;
        return new Outcome(keep ? affine : rigid, keep, gain, distortion, shift);
    }

    /** {@code max |AᵀA − I|} over the linear part's entries: 0 for a rotation. */
    static double distortion(AffineTransform t) {
        double[] m = t.toMatrix4();
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += m[4 * k + i] * m[4 * k + j];
                }
                worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }
}
