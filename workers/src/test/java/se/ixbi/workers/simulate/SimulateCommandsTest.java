package se.ixbi.workers.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.WorkersCommand;
import se.ixbi.workers.omics.AnnDataFile;
import se.ixbi.workers.omics.CellTable;
import se.ixbi.workers.omics.MorphologyImage;
import se.ixbi.workers.omics.OmicsSection;
import se.ixbi.workers.vem.FibSemBlock;
import se.ixbi.workers.vem.VemStack;

/** {@code simulate-vem} and {@code simulate-omics} write what the vEM and omics workers read, of the scan's tissue. */
class SimulateCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aFibSemStackIsWrittenAsTheAlignWorkerReadsIt() {
        Path stack = dir.resolve("stack.h5");
        int exit = WorkersCommand.commandLine().execute("simulate-vem", "--output", stack.toString(), "--size", "32",
                "--seed", "7", "--xray-pixel-size-um", "0.8");
        assertThat(exit).isZero();

        Volume read = VemStack.read(stack);
        Volume expected = FibSemBlock.atLesionRim(TissuePhantom.biopsy(32, 7, 60), 0.8).stack();
        assertThat(read.shape()).containsExactly(expected.shape());
        // eight times finer than the X-ray voxels, in µm
        assertThat(read.spacing()[0]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(java.util.Arrays.equals(read.values(), expected.values())).as("the same voxels").isTrue();
        // a file that exists is not overwritten
        assertThat(WorkersCommand.commandLine().execute("simulate-vem", "--output", stack.toString())).isEqualTo(2);
    }

    @Test
    void anOmicsSectionIsWrittenAsAnnDataWithItsCellsAndImage() throws Exception {
        Path file = dir.resolve("section.h5ad");
        int exit = WorkersCommand.commandLine().execute("simulate-omics", "--output", file.toString(), "--size", "32",
                "--seed", "7", "--cells", "300", "--xray-pixel-size-um", "1.0");
        assertThat(exit).isZero();
        assertThat(Files.size(file)).isPositive();

        OmicsSection expected = OmicsSection.throughLesion(TissuePhantom.biopsy(32, 7, 300), 1.0);
        CellTable cells = AnnDataFile.read(file);
        assertThat(cells.cells()).isEqualTo(expected.cells().y().length).isPositive();
        assertThat(cells.genes()).containsExactly(expected.cells().genes());
        MorphologyImage image = AnnDataFile.image(file);
        assertThat(image).isNotNull();
        assertThat(image.pixelUm()).isEqualTo(0.5);
    }
}
