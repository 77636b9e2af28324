package se.ixbi.workers.omics;

import java.nio.file.Path;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.SpatialOmicsSection;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;

/**
 * A simulated spatial-omics section of a phantom (the tests' and {@code simulate-omics}'s), as an instrument would
 * export it: cut through the first lesion at a known oblique plane, turned on the slide and stretched, with its cells
 * (types following the phantom's regions) and its DAPI-like image in one AnnData file. {@link #truth} is where a section point (y, x µm) lies in the X-ray
 * volume.
 */
public record OmicsSection(SpatialOmicsSection cells, AffineTransform plane, CorrelativeSet.SectionWarp warp, int side,
        double pixelUm, TissuePhantom phantom, double xrayVoxelUm) {

    public static OmicsSection throughLesion(TissuePhantom phantom, double xrayVoxelUm) {
        double pixelUm = 0.5;
        double extent = phantom.size() * xrayVoxelUm;
        int side = (int) Math.ceil(extent / pixelUm);
        double half = (phantom.size() - 1) / 2.0;
        double[] sectionCentre = {0, (side - 1) * pixelUm / 2, (side - 1) * pixelUm / 2};
        double[] target = {(phantom.lesion()[0] + half) * xrayVoxelUm, half * xrayVoxelUm, half * xrayVoxelUm};
        AffineTransform plane = AffineTransform.translation(target[0] - sectionCentre[0],
                target[1] - sectionCentre[1], target[2] - sectionCentre[2])
                .after(AffineTransform.rotation(Math.toRadians(8), Math.toRadians(-6), Math.toRadians(40), sectionCentre));
        double span = (side - 1) * pixelUm;
        CorrelativeSet.SectionWarp stretch = (y, x) -> new double[] {
            0.6 * Math.sin(Math.PI * y / span) * Math.cos(Math.PI * x / span), 0.03 * (x - span / 2)};
        CorrelativeSet set = new CorrelativeSet(phantom, xrayVoxelUm);
        SpatialOmicsSection cells = SpatialOmicsSection.cut(set, plane, stretch, span, 50, 40, 5);
        return new OmicsSection(cells, plane, stretch, side, pixelUm, phantom, xrayVoxelUm);
    }

    public void writeAnnData(Path file) {
        int n = cells.y().length;
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "cell-" + i;
        }
        Volume image = new CorrelativeSet(phantom, xrayVoxelUm).section(side, side, pixelUm, plane, warp, 0.03, 3);
        AnnDataWriter.write(file, new CellTable(ids, cells.genes(), cells.x(), cells.y(), cells.counts()),
                new MorphologyImage("DAPI", side, side, pixelUm, image.values()), "demo-section");
    }

    public double[] truth(double y, double x) {
        double[] u = warp.at(y, x);
        return plane.apply(new double[] {0, y + u[0], x + u[1]});
    }

    /** Whether the phantom has tissue where a section point lies (only there can a placement be judged). */
    public boolean onTissue(double y, double x) {
        double[] p = truth(y, x);
        double half = (phantom.size() - 1) / 2.0;
        return phantom.densityAt(p[0] / xrayVoxelUm - half, p[1] / xrayVoxelUm - half, p[2] / xrayVoxelUm - half)
                > 0.05;
    }
}
