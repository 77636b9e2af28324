package se.ixbi.workers.omezarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.registration.Volume;

/**
 * An OME-Zarr image (NGFF 0.4 {@code multiscales}) opened for its spatial z, y, x axes: each level's voxel size and
 * position from its {@code scale} and {@code translation} (and the multiscale's own transformations, applied
 * after), converted to micrometres from the axes' units. Time and channel axes are held at a chosen index.
 */
public final class OmeZarrImage {

    /** One resolution level: where its array lies and its voxel grid in micrometres (z, y, x). */
    public record Level(String path, double[] spacingUm, double[] originUm, int[] shape) {
    }

    private final Path root;
    private final List<Level> levels;
    private final int leadingAxes;

    private OmeZarrImage(Path root, List<Level> levels, int leadingAxes) {
        this.root = root;
        this.levels = levels;
        this.leadingAxes = leadingAxes;
    }

    public static OmeZarrImage open(Path root) {
        Path attrsFile = root.resolve(".zattrs");
        if (!Files.isRegularFile(attrsFile)) {
            throw new IllegalArgumentException(root + " is not an OME-Zarr image (no .zattrs)");
        }
        JsonNode attrs;
        try {
            attrs = new ObjectMapper().readTree(attrsFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(attrsFile + " is not valid JSON: " + e.getMessage());
        }
        JsonNode ms = attrs.path("multiscales").path(0);
        if (ms.isMissingNode()) {
            throw new IllegalArgumentException(root + " has no NGFF 'multiscales' in .zattrs");
        }
        String version = ms.path("version").asText("");
        if (!version.isEmpty() && !version.startsWith("0.4") && !version.startsWith("0.5")) {
            throw new IllegalArgumentException(root + ": NGFF version " + version + " is not read (0.4 is)");
        }
        JsonNode axes = ms.path("axes");
        int rank = axes.size();
        if (rank < 3) {
            throw new IllegalArgumentException(root + ": needs three spatial axes, found " + axes);
        }
        double[] unitUm = new double[3];
        for (int i = 0; i < 3; i++) {
            JsonNode axis = axes.get(rank - 3 + i);
            String type = axis.path("type").asText("space");
            if (!type.equals("space")) {
                throw new IllegalArgumentException(root + ": the last three axes must be spatial (z, y, x), found "
                        + axes);
            }
            unitUm[i] = micrometresPer(axis.path("unit").asText(""), root);
        }
        for (int i = 0; i < rank - 3; i++) {
            if (axes.get(i).path("type").asText("").equals("space")) {
                throw new IllegalArgumentException(root + ": more than three spatial axes: " + axes);
            }
        }
        double[][] outer = transformations(ms.path("coordinateTransformations"), rank, root);
        List<Level> levels = new ArrayList<>();
        for (JsonNode d : ms.path("datasets")) {
            String path = d.path("path").asText();
            double[][] t = transformations(d.path("coordinateTransformations"), rank, root);
            ZarrArray array = ZarrArray.open(root.resolve(path));
            if (array.shape().length != rank) {
                throw new IllegalArgumentException(root + "/" + path + " has " + array.shape().length
                        + " axes but the multiscale names " + rank);
            }
            double[] spacing = new double[3];
            double[] origin = new double[3];
            for (int i = 0; i < 3; i++) {
                int a = rank - 3 + i;
                spacing[i] = t[0][a] * outer[0][a] * unitUm[i];
                origin[i] = (t[1][a] * outer[0][a] + outer[1][a]) * unitUm[i];
            }
            levels.add(new Level(path, spacing, origin, array.spatialShape()));
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException(root + ": the multiscale lists no datasets");
        }
        return new OmeZarrImage(root, levels, rank - 3);
    }

    /** Scale and translation per axis (identity where absent). */
    private static double[][] transformations(JsonNode list, int rank, Path root) {
        double[] scale = new double[rank];
        double[] translation = new double[rank];
        java.util.Arrays.fill(scale, 1);
        for (JsonNode t : list) {
            String type = t.path("type").asText();
            if (t.has("path")) {
                throw new IllegalArgumentException(root + ": transformations stored in a separate file are not read");
            }
            JsonNode values = type.equals("scale") ? t.path("scale") : t.path("translation");
            if (!type.equals("scale") && !type.equals("translation") && !type.equals("identity")) {
                throw new IllegalArgumentException(root + ": coordinate transformation '" + type
                        + "' is not read (scale, translation)");
            }
            if (type.equals("identity")) {
                continue;
            }
            if (values.size() != rank) {
                throw new IllegalArgumentException(root + ": a " + type + " needs " + rank + " values, found "
                        + values);
            }
            for (int i = 0; i < rank; i++) {
                if (type.equals("scale")) {
                    scale[i] = values.get(i).asDouble();
                    if (!(scale[i] > 0)) {
                        throw new IllegalArgumentException(root + ": scale must be positive, found " + values);
                    }
                } else {
                    translation[i] = values.get(i).asDouble();
                }
            }
        }
        return new double[][] {scale, translation};
    }

    private static double micrometresPer(String unit, Path root) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "micrometer", "micrometre", "micron", "µm", "um" -> 1;
            case "nanometer", "nanometre", "nm" -> 1e-3;
            case "angstrom" -> 1e-4;
            case "millimeter", "millimetre", "mm" -> 1e3;
            case "centimeter", "centimetre" -> 1e4;
            case "meter", "metre" -> 1e6;
            default -> throw new IllegalArgumentException(root + ": spatial unit '" + unit + "' is not known");
        };
    }

    public List<Level> levels() {
        return levels;
    }

    public Path root() {
        return root;
    }

    /**
     * The coarsest level still at least as fine as {@code spacingUm} on its finest axis (level 0 if none is):
     * registration gains nothing from detail the other image cannot show, and a nanometre vEM level 0 may not fit
     * in memory.
     */
    public int levelFor(double spacingUm) {
        int chosen = 0;
        for (int i = 0; i < levels.size(); i++) {
            double finest = Math.min(levels.get(i).spacingUm()[0],
                    Math.min(levels.get(i).spacingUm()[1], levels.get(i).spacingUm()[2]));
            if (finest <= spacingUm * (1 + 1e-9)) {
                chosen = i;
            }
        }
        return chosen;
    }

    /** The finest level of at most {@code maxVoxels} voxels (the coarsest where none is that small). */
    public Volume readFinestWithin(long maxVoxels) {
        for (int i = 0; i < levels.size(); i++) {
            int[] s = levels.get(i).shape();
            if ((long) s[s.length - 1] * s[s.length - 2] * s[s.length - 3] <= maxVoxels) {
                return read(i);
            }
        }
        return read(levels.size() - 1);
    }

    /** Level {@code index} as a volume in micrometres, time and channel 0. */
    public Volume read(int index) {
        Level level = levels.get(index);
        ZarrArray array = ZarrArray.open(root.resolve(level.path()));
        float[] values = array.read(new long[leadingAxes]);
        int[] s = level.shape();
        return new Volume(s[0], s[1], s[2], level.spacingUm(), level.originUm(), values);
    }
}
