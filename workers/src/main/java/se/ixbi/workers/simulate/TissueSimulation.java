package se.ixbi.workers.simulate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.workers.demo.AcquisitionPlan;

/** A block or section cut from the tissue a scan was simulated from, at the scan's pixel size or its case's plan. */
abstract class TissueSimulation implements Callable<Integer> {

    @Option(names = "--output", required = true, description = "file to write")
    Path output;

    @Mixin
    PhantomOptions tissue;

    @Mixin
    CaseOptions forCase;

    @Override
    public Integer call() {
        if (Files.exists(output)) {
            System.err.println("error: " + output + " exists; choose a new file");
            return 2;
        }
        double pixel = tissue.xrayPixelUm;
        try {
            AcquisitionPlan plan = forCase.plan();
            if (plan != null) {
                pixel = plan.pixelUm();
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        long t0 = System.nanoTime();
        String what = write(tissue.phantom(), pixel, output);
        System.err.printf("wrote %s: %s, in %.1f s%n", output, what, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Writes the simulated data of the phantom, the X-ray voxel {@code xrayPixelUm}; says what it wrote. */
    abstract String write(TissuePhantom phantom, double xrayPixelUm, Path output);
}
