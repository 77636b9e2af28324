package se.ixbi.workers.simulate;

import picocli.CommandLine.Option;
import se.ixbi.gpu.phantom.TissuePhantom;

/** The phantom the X-ray scan was simulated from: a block or section of the same tissue is cut from it. */
final class PhantomOptions {

    @Option(names = "--size", defaultValue = "128", description = "the scan's --size (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--seed", defaultValue = "1", description = "the scan's --seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--cells", defaultValue = "60", description = "the scan's --cells (default ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--xray-pixel-size-um", defaultValue = "1.0",
            description = "the scan's pixel size; with --case, the plan's (default ${DEFAULT-VALUE})")
    double xrayPixelUm;

    TissuePhantom phantom() {
        return TissuePhantom.biopsy(size, seed, cells);
    }
}
