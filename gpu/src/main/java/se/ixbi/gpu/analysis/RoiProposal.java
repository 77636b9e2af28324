package se.ixbi.gpu.analysis;

import java.util.Locale;

/**
 * A region proposed for volume EM: where it is (centre, z, y, x in µm), how large a field to take (edge of a cube,
 * µm), and why — its size, how much denser than the surrounding tissue, how uneven inside — with the score that
 * ranked it.
 */
public record RoiProposal(int rank, double[] centreUm, double sizeUm, double volumeUm3, double contrast,
        double heterogeneity, double score) {

    public String reason() {
        return String.format(Locale.ROOT, "dense region %+.0f %% over the tissue median, %.0f µm³, heterogeneity %.2f",
                100 * contrast, volumeUm3, heterogeneity);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "#%d at (z %.1f, y %.1f, x %.1f) µm, field %.0f µm: %s (score %.2f)", rank,
                centreUm[0], centreUm[1], centreUm[2], sizeUm, reason(), score);
    }
}
