package se.ixbi.workers.simulate;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.workers.omics.OmicsSection;

@Command(name = "simulate-omics", mixinStandardHelpOptions = true,
        description = {"Write a synthetic spatial-omics section (AnnData .h5ad: cells with their counts and "
                + "positions in µm, and a DAPI-like image in uns/spatial) cut through the phantom's first lesion at "
                + "an oblique plane, turned and stretched on the slide, as the omics.ingest and "
                + "registration.omics-to-xray workers take it.",
                "Give the --size, --seed and --cells the X-ray scan was simulated with (a section is placed by "
                        + "what it cuts: --cells 1500 is tissue as crowded as real); with --case, the X-ray pixel "
                        + "size is the case's plan."})
public class SimulateOmicsCommand extends TissueSimulation {

    @Override
    String write(TissuePhantom phantom, double xrayPixelUm, Path output) {
        OmicsSection section = OmicsSection.throughLesion(phantom, xrayPixelUm);
        section.writeAnnData(output);
        return String.format(java.util.Locale.ROOT, "%d cells, %d genes, a %.0f µm section image",
                section.cells().y().length, section.cells().genes().length, section.side() * section.pixelUm());
    }
}
