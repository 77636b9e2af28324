package se.ixbi.workers.simulate;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.workers.vem.FibSemBlock;
import se.ixbi.workers.vem.VemStack;

@Command(name = "simulate-vem", mixinStandardHelpOptions = true,
        description = {"Write a synthetic FIB-SEM stack (HDF5: /exchange/data, /exchange/voxel_size_nm) of a resin "
                + "block milled at the rim of the phantom's first lesion, eight times finer than the X-ray voxels, "
                + "turned 25° and with the stage's jitter, as the vem.align and registration.vem-to-xray workers "
                + "take it.",
                "Give the --size, --seed and --cells the X-ray scan was simulated with, so the block is of the "
                        + "same tissue; with --case, the X-ray pixel size is the case's plan."})
public class SimulateVemCommand extends TissueSimulation {

    @Override
    String write(TissuePhantom phantom, double xrayPixelUm, Path output) {
        FibSemBlock block = FibSemBlock.atLesionRim(phantom, xrayPixelUm);
        VemStack.write(output, block.stack());
        return String.format(java.util.Locale.ROOT, "%d slices of %d × %d at %.0f nm, a block at the first lesion's "
                + "rim", block.stack().depth(), block.stack().height(), block.stack().width(),
                block.stack().spacing()[0] * 1000);
    }
}
