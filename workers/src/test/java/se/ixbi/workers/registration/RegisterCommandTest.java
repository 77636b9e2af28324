package se.ixbi.workers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.phantom.CorrelativeSet;
import se.ixbi.gpu.phantom.TissuePhantom;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.WorkersCommand;
import se.ixbi.workers.cli.ExitCodes;
import se.ixbi.workers.omezarr.OmeZarrWriter;

/** {@code register} on OME-Zarr files: a vEM block (65 nm voxels) placed in an X-ray volume (0.65 µm voxels). */
class RegisterCommandTest {

    private static final double XRAY_UM = 0.65;

    @Test
    void writesTheAffineFromVemToXrayWithinOneXrayVoxel(@TempDir Path dir) throws Exception {
        TissuePhantom phantom = TissuePhantom.biopsy(80, 21);
        CorrelativeSet set = new CorrelativeSet(phantom, XRAY_UM);
        Volume xray = set.xray(0.05, 1);
        int[] shape = {160, 200, 200};
        double voxel = XRAY_UM / 10;
        double[] vemCentre = {(shape[0] - 1) * voxel / 2, (shape[1] - 1) * voxel / 2, (shape[2] - 1) * voxel / 2};
        double[] lesion = phantom.lesion();
        double half = (phantom.size() - 1) / 2.0;
        double[] target = {(lesion[0] + half) * XRAY_UM, (lesion[1] + half) * XRAY_UM,
            (lesion[2] + lesion[3] + half) * XRAY_UM};
        AffineTransform rotation = AffineTransform.rotation(Math.toRadians(-9), Math.toRadians(13),
                Math.toRadians(6), vemCentre);
        AffineTransform truth = AffineTransform.translation(target[0] - vemCentre[0], target[1] - vemCentre[1],
                target[2] - vemCentre[2]).after(rotation);
        Volume vem = set.vem(shape, 10, truth, 0.05, 2);
        Path vemZarr = dir.resolve("vem.zarr");
        Path xrayZarr = dir.resolve("xray.zarr");
        OmeZarrWriter.write(vemZarr, vem, Map.of());
        OmeZarrWriter.write(xrayZarr, xray, Map.of());
        Path out = dir.resolve("vem-to-xray.json");

        int code = WorkersCommand.commandLine().execute("register", "--fixed", vemZarr.toString(), "--moving",
                xrayZarr.toString(), "--output", out.toString(), "--mode", "rigid", "--metric", "mi");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        AffineTransform found = TransformFile.read(out);
        double tre = found.maxDisplacement(truth, new double[3], new double[] {(shape[0] - 1) * voxel,
            (shape[1] - 1) * voxel, (shape[2] - 1) * voxel});
        assertThat(tre).as("TRE in µm").isLessThanOrEqualTo(XRAY_UM);
        assertThat(json.path("affine")).hasSize(16);
        assertThat(json.path("affine").get(15).asDouble()).isEqualTo(1.0);
        assertThat(json.path("fixed").path("level").asInt()).as("vEM read at 0.26 µm, not 65 nm").isEqualTo(2);
        assertThat(json.path("moving").path("level").asInt()).isZero();
        JsonNode ngff = json.path("coordinateTransformations").get(0);
        assertThat(ngff.path("type").asText()).isEqualTo("affine");
        assertThat(ngff.path("input").asText()).isEqualTo("vem.zarr");
        assertThat(ngff.path("output").asText()).isEqualTo("xray.zarr");
        assertThat(ngff.path("affine").get(1).get(3).asDouble()).isCloseTo(json.path("affine").get(7).asDouble(),
                within(1e-12));
        assertThat(json.path("metric").asText()).isEqualTo("mi");
        assertThat(json.path("metricValue").asDouble()).isPositive();
        // the inverse takes the X-ray point back to the vEM block
        double[] inXray = found.apply(vemCentre);
        double[] back = TransformFile.read(out).inverse().apply(inXray);
        assertThat(back).containsExactly(vemCentre, within(1e-9));
    }

    @Test
    void badInputExitsWithTheReasonAndWritesNothing(@TempDir Path dir) throws Exception {
        Path notAnImage = Files.createDirectories(dir.resolve("empty.zarr"));
        Path out = dir.resolve("t.json");
        int code = WorkersCommand.commandLine().execute("register", "--fixed", notAnImage.toString(), "--moving",
                notAnImage.toString(), "--output", out.toString());
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out).doesNotExist();
        int wrongMode = WorkersCommand.commandLine().execute("register", "--fixed", notAnImage.toString(),
                "--moving", notAnImage.toString(), "--output", out.toString(), "--mode", "elastic");
        assertThat(wrongMode).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
