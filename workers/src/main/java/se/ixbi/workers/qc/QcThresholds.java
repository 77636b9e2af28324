package se.ixbi.workers.qc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code xray.qc} accepts; a volume outside any bound fails with the figures.
 *
 * @param minSnr least mean(tissue) / sd(background)
 * @param minCnr least contrast-to-noise ratio between tissue and background
 * @param maxRingScore largest ring amplitude, as a fraction of the tissue contrast
 * @param maxResolutionVoxels largest edge FWHM, in voxels of the level measured
 * @param maxVoxels the finest pyramid level with at most this many voxels is measured (bounds the heap)
 */
@ConfigurationProperties("ixbi.qc")
record QcThresholds(
        @DefaultValue("3") double minSnr,
        @DefaultValue("3") double minCnr,
        @DefaultValue("0.05") double maxRingScore,
        @DefaultValue("4") double maxResolutionVoxels,
        @DefaultValue("67108864") long maxVoxels) {
}
