package se.ixbi.gpu.tomography;

import java.util.List;

import se.ixbi.gpu.reconstruction.FilterWindow;

/**
 * How the scan was taken and how to invert it. {@code pixelSizeUm} null: values per voxel; otherwise the linear
 * attenuation coefficient in 1/m. {@code center} null: found automatically. {@code zingerRemoval}: single bright
 * pixels of the raw counts replaced before the flat field.
 */
public record Physics(Method method, PhaseMode phase, Double deltaBeta, Double energyKev, List<Double> distancesM,
        Double pixelSizeUm, Double center, FilterWindow filter, boolean ringSuppression, boolean zingerRemoval) {

    /** Direct back projection (the reference) or gridding in Fourier space (faster, O(N² log N) per slice). */
    public enum Method {
        FBP, GRIDREC
    }

    public enum PhaseMode {
        NONE, PAGANIN, CTF
    }

    /** The one distance single-distance phase retrieval uses: the first. */
    public Double distanceM() {
        return distancesM == null || distancesM.isEmpty() ? null : distancesM.get(0);
    }
}
