package se.ixbi.workers.registration;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Registration;
import se.ixbi.gpu.registration.RegistrationOptions;
import se.ixbi.gpu.registration.RegistrationResult;
import se.ixbi.gpu.registration.TransformModel;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.cli.ExitCodes;
import se.ixbi.workers.omezarr.OmeZarrImage;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register two OME-Zarr images in physical space and write the affine as JSON.",
            "The affine maps a fixed-image point (z, y, x, µm) to the moving image (elastix's convention)."})
public class RegisterCommand implements Callable<Integer> {

    @Option(names = "--fixed", required = true, description = "OME-Zarr image whose space the result starts from")
    Path fixed;

    @Option(names = "--moving", required = true, description = "OME-Zarr image the result maps into")
    Path moving;

    @Option(names = "--output", required = true, description = "transform JSON to write")
    Path output;

    @Option(names = "--mode", defaultValue = "rigid", description = "rigid | affine; default ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--metric", defaultValue = "mi",
            description = "mi (Mattes mutual information, any contrast) | ncc (same contrast); default ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--initial", description = "transform JSON to start from (skips the automatic search)")
    Path initial;

    @Option(names = "--levels", defaultValue = "3", description = "resolution levels; default ${DEFAULT-VALUE}")
    int levels;

    @Option(names = "--search-angle", defaultValue = "30",
            description = "largest rotation (degrees) tried by the coarse search, 0 for none; default ${DEFAULT-VALUE}")
    double searchAngle;

    @Override
    public Integer call() {
        try {
            TransformModel model = switch (mode.toLowerCase(Locale.ROOT)) {
                case "rigid" -> TransformModel.RIGID;
                case "affine" -> TransformModel.AFFINE;
                default -> throw new IllegalArgumentException("--mode must be rigid or affine, got " + mode);
            };
            RegistrationOptions.MetricKind kind = switch (metric.toLowerCase(Locale.ROOT)) {
                case "mi" -> RegistrationOptions.MetricKind.MI;
                case "ncc" -> RegistrationOptions.MetricKind.NCC;
                default -> throw new IllegalArgumentException("--metric must be mi or ncc, got " + metric);
            };
            RegistrationOptions options = RegistrationOptions.defaults(model, kind).withLevels(levels)
                    .withSearch(searchAngle, Math.min(15, Math.max(searchAngle, 1)));
            if (initial != null) {
                options = options.withInitial(TransformFile.read(initial));
            }
            OmeZarrImage f = OmeZarrImage.open(fixed);
            OmeZarrImage m = OmeZarrImage.open(moving);
            LevelChoice choice = LevelChoice.of(f, m);
            Volume fv = f.read(choice.fixedLevel());
            Volume mv = m.read(choice.movingLevel());
            System.err.printf("fixed %s level %d %s µm, moving %s level %d %s µm%n", fixed, choice.fixedLevel(),
                    spacing(fv), moving, choice.movingLevel(), spacing(mv));
            RegistrationResult result = new Registration(options).register(fv, mv);
            Map<String, Object> description = TransformFile.describe(result, name(fixed), name(moving),
                    image(fixed, choice.fixedLevel(), fv), image(moving, choice.movingLevel(), mv),
                    model.name().toLowerCase(Locale.ROOT));
            TransformFile.write(output, description);
            AffineTransform t = result.fixedToMoving();
            System.err.printf("wrote %s: %s %.4f, overlap %.0f %%, %.1f s%n  affine %s%n", output,
                    kind.name().toLowerCase(Locale.ROOT), result.metricValue(), 100 * result.overlap(),
                    result.seconds(), t);
            if (result.overlap() < 0.5) {
                System.err.println("warning: under half of the fixed image lies inside the moving one");
            }
            return 0;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (java.io.IOException e) {
            System.err.println("error: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }

    private static String name(Path p) {
        return p.toAbsolutePath().normalize().getFileName().toString();
    }

    private static String spacing(Volume v) {
        return String.format(Locale.ROOT, "%.4g×%.4g×%.4g", v.spacing()[0], v.spacing()[1], v.spacing()[2]);
    }

    private static Map<String, Object> image(Path path, int level, Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("level", level);
        m.put("shape", v.shape());
        m.put("spacingUm", v.spacing());
        m.put("originUm", v.origin());
        return m;
    }
}
