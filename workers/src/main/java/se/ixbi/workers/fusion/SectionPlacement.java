package se.ixbi.workers.fusion;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.InPlaneDeformation;

/**
 * Where a point of the omics section lies in the X-ray volume, as {@code registration.omics-to-xray} found it: the
 * in-plane warp added to the point (y, x µm, the section's plane at z = 0), then the section's affine
 * (docs/registration.md).
 */
public record SectionPlacement(AffineTransform pose, InPlaneDeformation warp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SectionPlacement read(Path transformJson) {
        try {
            JsonNode root = JSON.readTree(transformJson.toFile());
            AffineTransform pose = AffineTransform.fromMatrix4(doubles(root.path("affine"), "affine"));
            JsonNode d = root.path("inPlaneDeformation");
            InPlaneDeformation warp = d.isMissingNode() ? null : InPlaneDeformation.of(
                    doubles(d.path("gridOriginUm"), "gridOriginUm"), doubles(d.path("gridSpacingUm"), "gridSpacingUm"),
                    d.path("nodes").asInt(), doubles(d.path("coefficients"), "coefficients"));
            return new SectionPlacement(pose, warp);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the section's transform " + transformJson + ": "
                    + e.getMessage());
        }
    }

    /** The X-ray point (z, y, x µm) of a section point (y, x µm). */
    public double[] toXray(double y, double x) {
        double[] u = warp == null ? new double[2] : warp.at(y, x);
        return pose.apply(new double[] {0, y + u[0], x + u[1]});
    }

    private static double[] doubles(JsonNode node, String name) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("the section's transform has no '" + name + "' array");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }
}
