package se.ixbi.workers.registration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.RegistrationResult;
import se.ixbi.workers.version.WorkersVersion;

/**
 * The JSON a registration leaves beside the datasets: {@code affine}, a row-major 4×4 on (z, y, x) micrometres
 * mapping a point of the fixed image's physical space to the moving image's (elastix's convention), the same map as
 * an NGFF {@code coordinateTransformations} entry (type affine, 3×4 rows, with input and output spaces named), its
 * inverse, and how it was found.
 */
public final class TransformFile {

    public static final String CONVENTION = "affine maps a point (z, y, x in micrometres) of the fixed image's"
            + " physical space to the moving image's physical space, as elastix's TransformParameters do;"
            + " resample the moving image onto the fixed grid by sampling it at affine · p";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TransformFile() {
    }

    public static Map<String, Object> describe(RegistrationResult result, String fixedName, String movingName,
            Map<String, Object> fixed, Map<String, Object> moving, String mode) {
        AffineTransform t = result.fixedToMoving();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("affine", t.toMatrix4());
        out.put("convention", CONVENTION);
        out.put("inverse", t.inverse().toMatrix4());
        out.put("coordinateTransformations", List.of(ngff(t, fixedName, movingName)));
        out.put("fixed", fixed);
        out.put("moving", moving);
        out.put("mode", mode);
        out.put("metric", result.metric().name().toLowerCase());
        out.put("metricValue", result.metricValue());
        out.put("overlap", result.overlap());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (RegistrationResult.LevelReport l : result.levels()) {
            levels.add(Map.of("spacingUm", l.spacingUm(), "iterations", l.iterations(), "metricValue",
                    l.metricValue()));
        }
        out.put("levels", levels);
        out.put("candidatesTried", result.candidatesTried());
        out.put("seconds", result.seconds());
        out.put("software", WorkersVersion.NAME);
        return out;
    }

    /** NGFF (RFC-5) affine: three rows of four, in the spaces' units (micrometres). */
    static Map<String, Object> ngff(AffineTransform t, String input, String output) {
        double[] m = t.toMatrix4();
        List<List<Double>> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            rows.add(List.of(m[4 * r], m[4 * r + 1], m[4 * r + 2], m[4 * r + 3]));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "affine");
        entry.put("affine", rows);
        entry.put("input", input);
        entry.put("output", output);
        return entry;
    }

    public static void write(Path file, Map<String, Object> description) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
        Files.writeString(partial, JSON.writeValueAsString(description));
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The {@code affine} of a transform file (or of any JSON with a 16-value {@code affine}). */
    public static AffineTransform read(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile()).path("affine");
            if (!node.isArray()) {
                throw new IllegalArgumentException(file + " has no 'affine' array");
            }
            double[] m = new double[node.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = node.get(i).asDouble();
            }
            return AffineTransform.fromMatrix4(m);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the transform " + file + ": " + e.getMessage());
        }
    }
}
