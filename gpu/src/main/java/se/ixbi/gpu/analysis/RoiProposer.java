package se.ixbi.gpu.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import se.ixbi.gpu.registration.Volume;
import se.ixbi.gpu.threshold.MultiOtsu;
import se.ixbi.gpu.threshold.Otsu;

/**
 * Proposes regions of interest for volume EM in a reconstructed X-ray volume: the volume is smoothed, the sample
 * told from its background by Otsu's threshold and split into lumens, tissue and dense tissue by three-class Otsu
 * thresholds, and the dense tissue's connected components —
 * too small ones (single cells, noise) aside — are ranked by how much denser than the tissue they are, how uneven
 * inside, and how large: the abnormal-density regions a pathologist would target first.
 */
public final class RoiProposer {

    private final int maxProposals;
    private final double minVolumeUm3;
    private final double minFieldUm;
    private final double maxFieldUm;

    /**
     * @param maxProposals how many regions to return at most
     * @param minVolumeUm3 smaller dense components are ignored
     * @param minFieldUm   the smallest field (cube edge) proposed; the largest is {@code maxFieldUm}
     */
    public RoiProposer(int maxProposals, double minVolumeUm3, double minFieldUm, double maxFieldUm) {
        if (maxProposals < 1) {
            throw new IllegalArgumentException("propose at least one region");
        }
        this.maxProposals = maxProposals;
        this.minVolumeUm3 = minVolumeUm3;
        this.minFieldUm = minFieldUm;
        this.maxFieldUm = maxFieldUm;
    }

    public List<RoiProposal> propose(Volume volume) {
        int d = volume.depth();
        int h = volume.height();
        int w = volume.width();
        float[] smooth = Smoothing.gaussian3d(volume.values(), d, h, w, 1.0);
        // the sample against its background first, then three classes within it: lumens, tissue, dense tissue
        double foreground = Otsu.threshold(smooth);
        float[] sample = values(smooth, v -> v > foreground);
        if (sample.length == 0 || sample.length == smooth.length) {
            return List.of();
        }
        double[] t = MultiOtsu.thresholds(sample);
        float[] tissue = values(sample, v -> v >= t[0] && v < t[1]);
        if (tissue.length == 0) {
            return List.of();
        }
        double tissueMedian = median(tissue);
        boolean[] dense = new boolean[smooth.length];
        for (int i = 0; i < smooth.length; i++) {
            dense[i] = smooth[i] >= t[1];
        }
        double[] s = volume.spacing();
        double voxelUm3 = s[0] * s[1] * s[2];
        int minVoxels = Math.max(8, (int) Math.ceil(minVolumeUm3 / voxelUm3));
        List<RoiProposal> found = new ArrayList<>();
        for (ConnectedComponents.Component c : ConnectedComponents.of(dense, d, h, w, minVoxels)) {
            found.add(describe(c, volume, tissueMedian, voxelUm3));
        }
        found.sort(Comparator.comparingDouble(RoiProposal::score).reversed());
        List<RoiProposal> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(maxProposals, found.size()); i++) {
            RoiProposal p = found.get(i);
            ranked.add(new RoiProposal(i + 1, p.centreUm(), p.sizeUm(), p.volumeUm3(), p.contrast(),
                    p.heterogeneity(), p.score()));
        }
        return ranked;
    }

    private RoiProposal describe(ConnectedComponents.Component c, Volume volume, double tissueMedian,
            double voxelUm3) {
        int h = volume.height();
        int w = volume.width();
        float[] v = volume.values();
        double[] centre = new double[3];
        int[] low = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] high = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        double sum = 0;
        double sumSquares = 0;
        for (int i : c.voxels()) {
            int[] at = {i / (h * w), (i / w) % h, i % w};
            for (int a = 0; a < 3; a++) {
                centre[a] += at[a];
                low[a] = Math.min(low[a], at[a]);
                high[a] = Math.max(high[a], at[a]);
            }
            sum += v[i];
            sumSquares += (double) v[i] * v[i];
        }
        int n = c.size();
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
        double extent = 0;
        for (int a = 0; a < 3; a++) {
            centre[a] = volume.origin()[a] + volume.spacing()[a] * centre[a] / n;
            extent = Math.max(extent, (high[a] - low[a] + 1) * volume.spacing()[a]);
        }
        double contrast = (mean - tissueMedian) / Math.abs(tissueMedian);
        double heterogeneity = sd / Math.abs(mean);
        double volumeUm3 = n * voxelUm3;
        // contrast first; size and unevenness raise a region within its contrast
        double score = contrast * (1 + heterogeneity) * Math.log10(1 + volumeUm3);
        double field = Math.max(minFieldUm, Math.min(maxFieldUm, extent));
        return new RoiProposal(0, centre, field, volumeUm3, contrast, heterogeneity, score);
    }

    private interface Test {
        boolean keep(float v);
    }

    private static float[] values(float[] all, Test test) {
        float[] out = new float[all.length];
        int n = 0;
        for (float v : all) {
            if (test.keep(v)) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double median(float[] values) {
        float[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
