package se.ixbi.gpu.reconstruction;

/**
 * Apodisation of the ramp filter, as a function of the normalised frequency f in [-1/2, 1/2] cycles per pixel.
 * Softer windows trade resolution for noise.
 */
public enum FilterWindow {
    RAMP {
        @Override
        double weight(double f) {
            return 1.0;
        }
    },
    SHEPP_LOGAN {
        @Override
        double weight(double f) {
            double x = Math.PI * f;
            return x == 0 ? 1.0 : Math.sin(x) / x;
        }
    },
    COSINE {
        @Override
        double weight(double f) {
            return Math.cos(Math.PI * f);
        }
    },
    HANN {
        @Override
        double weight(double f) {
            return 0.5 * (1 + Math.cos(2 * Math.PI * f));
        }
    };

    abstract double weight(double f);

    /** Accepts the names used on the command line: ramp, shepp-logan, cosine, hann. */
    public static FilterWindow parse(String name) {
        return valueOf(name.trim().toUpperCase().replace('-', '_'));
    }
}
