package se.ixbi.gpu.phase;

/**
 * The imaging conditions phase retrieval needs, in SI units.
 *
 * @param energyKev photon energy
 * @param distanceM sample-to-detector propagation distance
 * @param pixelM    effective pixel size at the sample
 */
public record Beam(double energyKev, double distanceM, double pixelM) {

    public Beam {
        if (!(energyKev > 0) || !(distanceM >= 0) || !(pixelM > 0)) {
            throw new IllegalArgumentException("energy and pixel size must be positive and distance non-negative: "
                    + energyKev + " keV, " + distanceM + " m, " + pixelM + " m");
        }
    }

    /** Wavelength in metres: λ = hc / E. */
    public double wavelengthM() {
        return 1.239_841_98e-9 / energyKev;
    }

    /** Fresnel number of one pixel; Paganin's method assumes it is not much below 1. */
    public double fresnelNumber() {
        return pixelM * pixelM / (wavelengthM() * distanceM);
    }
}
