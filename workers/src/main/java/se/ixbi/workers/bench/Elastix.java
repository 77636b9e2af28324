package se.ixbi.workers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.ixbi.gpu.registration.Volume;

/**
 * Runs the elastix 5 command line (Debian package {@code elastix}) on the same volumes as our registration, for the
 * benchmark: images as MetaImage files (x, y, z order, physical spacing and offset), parameter files in elastix's
 * usual choices, and the result read back by mapping points with transformix, so that no Euler-angle convention
 * has to be reproduced here.
 */
final class Elastix {

    private static final Pattern OUTPUT_POINT = Pattern.compile("OutputPoint = \\[ ([^\\]]+) \\]");

    record Run(double seconds, List<double[]> mapped) {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("elastix", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Registers and maps {@code points} (z, y, x µm in the fixed frame) into the moving frame.
     *
     * @param transform  elastix's transform name (EulerTransform, AffineTransform)
     * @param metric     AdvancedMattesMutualInformation or AdvancedNormalizedCorrelation
     * @param initial    a translation (z, y, x µm) to start from, or null for elastix's centre-of-gravity start
     */
    static Run register(Path dir, Volume fixed, Volume moving, String transform, String metric, double[] initial,
            List<double[]> points) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path fixedFile = dir.resolve("fixed.mha");
        Path movingFile = dir.resolve("moving.mha");
        writeMetaImage(fixedFile, fixed);
        writeMetaImage(movingFile, moving);
        Path parameters = dir.resolve("parameters.txt");
        Files.writeString(parameters, parameters(transform, metric, initial == null));
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> command = new ArrayList<>(List.of("elastix", "-f", fixedFile.toString(), "-m",
                movingFile.toString(), "-p", parameters.toString(), "-out", out.toString()));
        if (initial != null) {
            Path t0 = dir.resolve("initial.txt");
            Files.writeString(t0, initialTranslation(initial, fixed));
            command.addAll(List.of("-t0", t0.toString()));
        }
        long start = System.nanoTime();
        run(command, dir.resolve("elastix.out"));
        double seconds = (System.nanoTime() - start) / 1e9;
        Path pointsFile = dir.resolve("points.txt");
        StringBuilder p = new StringBuilder("point\n" + points.size() + "\n");
        for (double[] q : points) {
            p.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", q[2], q[1], q[0]));
        }
        Files.writeString(pointsFile, p);
        Path mappedDir = Files.createDirectories(dir.resolve("mapped"));
        run(List.of("transformix", "-def", pointsFile.toString(), "-tp",
                out.resolve("TransformParameters.0.txt").toString(), "-out", mappedDir.toString()),
                dir.resolve("transformix.out"));
        List<double[]> mapped = new ArrayList<>();
        for (String line : Files.readAllLines(mappedDir.resolve("outputpoints.txt"))) {
            Matcher m = OUTPUT_POINT.matcher(line);
            if (m.find()) {
                String[] xyz = m.group(1).trim().split("\\s+");
                mapped.add(new double[] {Double.parseDouble(xyz[2]), Double.parseDouble(xyz[1]),
                    Double.parseDouble(xyz[0])});
            }
        }
        if (mapped.size() != points.size()) {
            throw new IOException("transformix mapped " + mapped.size() + " of " + points.size() + " points; see "
                    + dir);
        }
        return new Run(seconds, mapped);
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " failed; see " + log);
        }
    }

    /** elastix's common choices: three smoothing-pyramid levels, adaptive stochastic gradient descent. */
    private static String parameters(String transform, String metric, boolean centreOfGravity) {
        return """
                (FixedInternalImagePixelType "float")
                (MovingInternalImagePixelType "float")
                (FixedImageDimension 3)
                (MovingImageDimension 3)
                (UseDirectionCosines "true")
                (Registration "MultiResolutionRegistration")
                (Interpolator "BSplineInterpolator")
                (ResampleInterpolator "FinalBSplineInterpolator")
                (Resampler "DefaultResampler")
                (FixedImagePyramid "FixedSmoothingImagePyramid")
                (MovingImagePyramid "MovingSmoothingImagePyramid")
                (Optimizer "AdaptiveStochasticGradientDescent")
                (Transform "%s")
                (Metric "%s")
                (AutomaticScalesEstimation "true")
                (AutomaticTransformInitialization "%s")
                (AutomaticTransformInitializationMethod "CenterOfGravity")
                (HowToCombineTransforms "Compose")
                (NumberOfHistogramBins 32)
                (NumberOfResolutions 3)
                (MaximumNumberOfIterations 500)
                (NumberOfSpatialSamples 2048)
                (NewSamplesEveryIteration "true")
                (ImageSampler "RandomCoordinate")
                (BSplineInterpolationOrder 1)
                (FinalBSplineInterpolationOrder 3)
                (DefaultPixelValue 0)
                (WriteResultImage "false")
                """.formatted(transform, metric, centreOfGravity ? "true" : "false");
    }

    private static String initialTranslation(double[] t, Volume fixed) {
        return String.format(Locale.ROOT, """
                (Transform "TranslationTransform")
                (NumberOfParameters 3)
                (TransformParameters %.6f %.6f %.6f)
                (InitialTransformParametersFileName "NoInitialTransform")
                (HowToCombineTransforms "Compose")
                (FixedImageDimension 3)
                (MovingImageDimension 3)
                (FixedInternalImagePixelType "float")
                (MovingInternalImagePixelType "float")
                (Size %d %d %d)
                (Index 0 0 0)
                (Spacing %.9f %.9f %.9f)
                (Origin %.9f %.9f %.9f)
                (Direction 1 0 0 0 1 0 0 0 1)
                (UseDirectionCosines "true")
                """, t[2], t[1], t[0], fixed.width(), fixed.height(), fixed.depth(), fixed.spacing()[2],
                fixed.spacing()[1], fixed.spacing()[0], fixed.origin()[2], fixed.origin()[1], fixed.origin()[0]);
    }

    /** MetaImage with the data inline after the header; axes x, y, z as ITK reads them. */
    static void writeMetaImage(Path file, Volume v) throws IOException {
        String header = String.format(Locale.ROOT, """
                ObjectType = Image
                NDims = 3
                BinaryData = True
                BinaryDataByteOrderMSB = False
                CompressedData = False
                TransformMatrix = 1 0 0 0 1 0 0 0 1
                Offset = %.9f %.9f %.9f
                ElementSpacing = %.9f %.9f %.9f
                DimSize = %d %d %d
                ElementType = MET_FLOAT
                ElementDataFile = LOCAL
                """, v.origin()[2], v.origin()[1], v.origin()[0], v.spacing()[2], v.spacing()[1], v.spacing()[0],
                v.width(), v.height(), v.depth());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            ByteBuffer data = ByteBuffer.allocate(v.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(v.values());
            channel.write(data);
        }
    }
}
