package se.ixbi.workers.vem;

import java.util.Random;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;

/**
 * A simulated FIB-SEM stack of a phantom with its ground truth (the tests' and {@code simulate-vem}'s): where the (drift-corrected) block lies in the X-ray volume's
 * frame, and the box of the block in its own frame. Slice 0 does not drift, so the aligned block's frame is the true
 * one. The block sits on the first lesion's rim, milled along the core's axis and turned 25° about it, and the
 * stage jitters by a third of a pixel: a slow creep on top would be confounded with the rim's curve, which moves
 * sideways from slice to slice just as drift does (docs/registration.md).
 */
public record FibSemBlock(Volume stack, AffineTransform truth, double[] low, double[] high, double[][] drift) {

    public static FibSemBlock atLesionRim(TissuePhantom phantom, double xrayVoxelUm) {
        int factor = 8;
        int slices = 160;
        int side = 192;
        double voxel = xrayVoxelUm / factor;
        double[] centre = {(slices - 1) * voxel / 2, (side - 1) * voxel / 2, (side - 1) * voxel / 2};
        double half = (phantom.size() - 1) / 2.0;
        double[] lesion = phantom.lesion();
        double[] target = {(lesion[0] + half) * xrayVoxelUm, (lesion[1] + half) * xrayVoxelUm,
            (lesion[2] + lesion[3] + half) * xrayVoxelUm};
        AffineTransform truth = AffineTransform.translation(target[0] - centre[0], target[1] - centre[1],
                target[2] - centre[2]).after(AffineTransform.rotation(0, 0, Math.toRadians(25), centre));
        CorrelativeSet set = new CorrelativeSet(phantom, xrayVoxelUm);
        Random random = new Random(3);
        float[] values = new float[slices * side * side];
        double dy = 0;
        double dx = 0;
        double[][] drift = new double[2][slices];
        for (int k = 0; k < slices; k++) {
            if (k > 0) {
                // the stage's jitter, about a third of a pixel
                dy = 0.35 * random.nextGaussian();
                dx = 0.35 * random.nextGaussian();
            }
            drift[0][k] = dy;
            drift[1][k] = dx;
            // slice k shows the tissue at p − drift: the stage moved the block by +drift
            AffineTransform place = truth.after(AffineTransform.translation(k * voxel, -dy * voxel, -dx * voxel));
            Volume slice = set.vem(new int[] {1, side, side}, factor, place, 0.03, 500 + k);
            System.arraycopy(slice.values(), 0, values, k * side * side, side * side);
        }
        Volume stack = new Volume(slices, side, side, new double[] {voxel, voxel, voxel}, new double[3], values);
        return new FibSemBlock(stack, truth, new double[3], new double[] {(slices - 1) * voxel, (side - 1) * voxel,
            (side - 1) * voxel}, drift);
    }
}
