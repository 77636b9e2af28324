package se.ixbi.gpu.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-resolution intensity-based registration of two volumes in physical space, rigid or affine, by NCC or Mattes
 * MI. Both images are first averaged down to the coarser of their voxel sizes (finer detail in one of them cannot be
 * matched in the other), then to a pyramid of doubling spacings. Initialisation: the given transform, or the
 * centres of mass, plus — where the fixed image is smaller than the moving one — an FFT correlation search over every
 * position and a grid of rotations; the best few candidates are refined on the coarsest level and the winner is
 * carried down the pyramid.
 */
public final class Registration {

    private static final int CANDIDATES = 6;
    /** The fewest voxels along the fixed image's shortest axis that the rotation search still runs on. */
    static final int SEARCH_VOXELS = 12;
    /** How many of the search's candidates go on to the coarsest level, after a refinement on the search's level. */
    static final int KEPT_AFTER_SEARCH = 2;
    /**
     * The optimiser stops when its step falls below this share of a level's spacing. At a hundredth it stopped a
     * rigid MI registration of a 96³ pair after 1 and 4 iterations on the fine levels, 0.3 – 0.5 µm from the truth
     * depending on the start; at two thousandths it ran 10 – 14 and both starts ended 0.24 µm from it. An affine
     * transform's twelve parameters, driven that far, follow the noise (a sheared vEM block ended 0.79 µm off
     * instead of 0.72), so it keeps the hundredth.
     */
    static final double RIGID_STOP_STEP = 0.002;
    static final double AFFINE_STOP_STEP = 0.01;

    private final RegistrationOptions options;

    public Registration(RegistrationOptions options) {
        this.options = options;
    }

    public RegistrationResult register(Volume fixed, Volume moving) {
        long start = System.nanoTime();
        double base = workingSpacing(fixed, moving);
        Volume fixedBase = fixed.coarsenedTo(base);
        Volume movingBase = moving.coarsenedTo(base);
        int levels = Math.min(options.levels(), usableLevels(fixedBase));
        double[] centre = fixedBase.centre();
        double radius = Math.max(base, 0.5 * Math.max(fixedBase.extent(0),
                Math.max(fixedBase.extent(1), fixedBase.extent(2))));
        TransformModel model = options.model();

        List<Level> pyramid = new ArrayList<>();
        for (int l = levels - 1; l >= 0; l--) {
            double spacing = base * (1 << l);
            pyramid.add(new Level(spacing, fixedBase.coarsenedTo(spacing), movingBase.coarsenedTo(spacing), l));
        }

        Level coarsest = pyramid.get(0);
        List<AffineTransform> candidates = new ArrayList<>();
        int tried = 1;
        if (options.initial() != null) {
            candidates.add(options.initial());
        } else {
            double[] fc = fixedBase.centreOfMass();
            double[] mc = movingBase.centreOfMass();
            candidates.add(AffineTransform.translation(mc[0] - fc[0], mc[1] - fc[1], mc[2] - fc[2]));
            Level searched = searchLevel(coarsest);
            candidates.addAll(search(searched, centre));
            tried = candidates.size();
            if (searched != coarsest) {
                candidates = bestAfterRefining(candidates, searched, centre, radius);
            }
        }

        Metric coarseMetric = coarsest.metric();
        double bestValue = Double.POSITIVE_INFINITY;
        double[] best = null;
        int coarseIterations = 0;
        for (AffineTransform candidate : candidates) {
            double[] q = model.parameters(candidate, centre, radius);
            QuasiNewtonOptimizer.Result r = optimiser(coarsest.spacing).minimise(q,
                    (p, g) -> objective(coarseMetric, model, p, centre, radius, g));
            if (r.value() < bestValue) {
                bestValue = r.value();
                best = r.parameters();
                coarseIterations = r.iterations();
            }
        }
        List<RegistrationResult.LevelReport> reports = new ArrayList<>();
        reports.add(new RegistrationResult.LevelReport(coarsest.spacing, coarseIterations,
                coarseMetric.reported(bestValue)));
        Metric last = coarseMetric;
        double lastValue = bestValue;
        for (Level level : pyramid.subList(1, pyramid.size())) {
            Metric metric = level.metric();
            QuasiNewtonOptimizer.Result r = optimiser(level.spacing).minimise(best,
                    (p, g) -> objective(metric, model, p, centre, radius, g));
            best = r.parameters();
            last = metric;
            lastValue = r.value();
            reports.add(new RegistrationResult.LevelReport(level.spacing, r.iterations(), metric.reported(r.value())));
        }
        AffineTransform result = model.transform(best, centre, radius);
        last.evaluate(result, centre, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RegistrationResult(result, options.metric(), last.reported(lastValue), last.overlap(), reports,
                tried, seconds);
    }

    /**
     * The finest spacing worth registering at: the coarser image's voxel, or half of it where the other image is at
     * least twice as fine — its detail at half a voxel still pins rotations down.
     */
    static double workingSpacing(Volume fixed, Volume moving) {
        double coarser = Math.max(min(fixed.spacing()), min(moving.spacing()));
        double finer = Math.min(min(fixed.spacing()), min(moving.spacing()));
        return coarser >= 2 * finer ? coarser / 2 : coarser;
    }

    private QuasiNewtonOptimizer optimiser(double spacing) {
        double stop = options.model() == TransformModel.RIGID ? RIGID_STOP_STEP : AFFINE_STOP_STEP;
        return new QuasiNewtonOptimizer(2 * spacing, stop * spacing, options.iterations());
    }

    private static double objective(Metric metric, TransformModel model, double[] q, double[] centre, double radius,
            double[] gradient) {
        double[] g12 = new double[12];
        AffineTransform t = model.transform(q, centre, radius);
        double value = metric.evaluate(t, centre, g12);
        model.chain(q, radius, g12, gradient);
        return value;
    }

    /**
     * Where the rotation search runs: the coarsest level, or coarser still while the fixed image keeps at least
     * {@link #SEARCH_VOXELS} voxels along its shortest axis. The search transforms the padded pair once per rotation,
     * so each halving of the spacing it runs at costs eight times the time. On a 96³ pair of 0.65 µm voxels it ran at
     * 2.6 µm (a 64³ padded grid per rotation, 2.7 – 3 s); at 5.2 µm (a 32³ grid) it takes a tenth of that and the
     * registration ends as close to the truth.
     */
    private Level searchLevel(Level coarsest) {
        Level level = coarsest;
        while (shortestAxis(level.fixed) / 2 >= SEARCH_VOXELS) {
            double spacing = level.spacing * 2;
            level = new Level(spacing, level.fixed.coarsenedTo(spacing), level.moving.coarsenedTo(spacing),
                    level.index + 1);
        }
        return level;
    }

    private static int shortestAxis(Volume v) {
        int shortest = Integer.MAX_VALUE;
        for (int a = 0; a < 3; a++) {
            if (v.size(a) > 1) {
                shortest = Math.min(shortest, v.size(a));
            }
        }
        return shortest;
    }

    /**
     * The candidates that end best when refined on the search's own coarse level. Each refinement there costs an
     * eighth of one on the coarsest level of the pyramid.
     */
    private List<AffineTransform> bestAfterRefining(List<AffineTransform> candidates, Level level, double[] centre,
            double radius) {
        TransformModel model = options.model();
        Metric metric = level.metric();
        record Refined(AffineTransform transform, double value) {
        }
        List<Refined> refined = new ArrayList<>();
        for (AffineTransform candidate : candidates) {
            QuasiNewtonOptimizer.Result r = optimiser(level.spacing).minimise(model.parameters(candidate, centre,
                    radius), (p, g) -> objective(metric, model, p, centre, radius, g));
            refined.add(new Refined(model.transform(r.parameters(), centre, radius), r.value()));
        }
        return refined.stream().sorted(Comparator.comparingDouble(Refined::value)).limit(KEPT_AFTER_SEARCH)
                .map(Refined::transform).toList();
    }

    /** Keeps at least 8 voxels along the fixed image's shortest axis (a section's single plane aside) at the coarsest level. */
    private static int usableLevels(Volume fixed) {
        int shortest = shortestAxis(fixed);
        int levels = 1;
        while ((shortest >> levels) >= 8 && levels < 6) {
            levels++;
        }
        return levels;
    }

    /** Best translations, one per rotation of a grid, by FFT correlation of the rotated fixed image. */
    private List<AffineTransform> search(Level level, double[] centre) {
        Volume f = level.fixed;
        Volume m = level.moving;
        List<Candidate> found = new ArrayList<>();
        CorrelationSearch correlation = null;
        PartialCorrelationSearch partial = null;
        double maxAngle = Math.toRadians(options.searchAngleDeg());
        double step = options.searchAngleDeg() > 0 ? Math.toRadians(options.searchStepDeg()) : 1;
        int n = (int) Math.floor(maxAngle / step + 1e-9);
        // a section may lie on its slide any way round: its turn about its own normal (z) is searched in full
        boolean section = f.depth() == 1;
        // (at twice the step: the turn on the slide is the one angle the refinement can still correct by 15°)
        double inPlaneStep = section ? 2 * step : step;
        int inPlane = section && options.searchAngleDeg() > 0 ? (int) Math.floor(Math.PI / inPlaneStep - 1e-9) : n;
        MovingImage fixedImage = new MovingImage(f);
        for (int ia = -n; ia <= n; ia++) {
            for (int ib = -n; ib <= n; ib++) {
                for (int ic = section ? -inPlane : -n; ic <= inPlane; ic++) {
                    double[] r = Rotations.matrix(ia * step, ib * step, ic * inPlaneStep);
                    Template t = Template.of(fixedImage, r, centre, m.spacing());
                    if (t == null) {
                        continue;
                    }
                    boolean eitherSign = options.metric() == RegistrationOptions.MetricKind.MI;
                    CorrelationSearch.Peak peak;
                    if (fits(t.shape, m)) {
                        if (correlation == null) {
                            correlation = new CorrelationSearch(m);
                        }
                        peak = correlation.best(t.values, t.mask, t.shape, eitherSign);
                    } else {
                        // about as large as the moving image: judged over the part that overlaps it
                        if (partial == null) {
                            partial = new PartialCorrelationSearch(m, largestTemplate(f, m, centre, n, inPlane,
                                    step, inPlaneStep, section));
                        }
                        peak = partial.best(t.values, t.mask, t.shape, eitherSign, 0.6);
                    }
                    if (peak == null) {
                        continue;
                    }
                    double[] shift = new double[3];
                    int[] v = {peak.z(), peak.y(), peak.x()};
                    for (int a = 0; a < 3; a++) {
                        shift[a] = m.origin()[a] + v[a] * m.spacing()[a] - t.low[a];
                    }
                    found.add(new Candidate(AffineTransform.about(r, centre, shift), peak.correlation()));
                }
            }
        }
        return found.stream().sorted(Comparator.comparingDouble(Candidate::score).reversed()).limit(CANDIDATES)
                .map(Candidate::transform).toList();
    }

    private record Candidate(AffineTransform transform, double score) {
    }

    private static boolean fits(int[] shape, Volume m) {
        return shape[0] <= m.depth() && shape[1] <= m.height() && shape[2] <= m.width();
    }

    /** The largest template box over the rotations searched, in moving voxels per axis. */
    private static int[] largestTemplate(Volume f, Volume m, double[] centre, int n, int inPlane, double step,
            double inPlaneStep, boolean section) {
        int[] out = new int[3];
        for (int ia = -n; ia <= n; ia++) {
            for (int ib = -n; ib <= n; ib++) {
                for (int ic = section ? -inPlane : -n; ic <= inPlane; ic++) {
                    double[] shape = Template.box(f, Rotations.matrix(ia * step, ib * step, ic * inPlaneStep), centre,
                            m.spacing())[1];
                    for (int a = 0; a < 3; a++) {
                        out[a] = Math.max(out[a], (int) shape[a]);
                    }
                }
            }
        }
        return out;
    }

    private static double min(double[] values) {
        return Math.min(values[0], Math.min(values[1], values[2]));
    }

    private final class Level {
        final double spacing;
        final Volume fixed;
        final Volume moving;
        final int index;

        Level(double spacing, Volume fixed, Volume moving, int index) {
            this.spacing = spacing;
            this.fixed = fixed;
            this.moving = moving;
            this.index = index;
        }

        Metric metric() {
            FixedSamples samples = FixedSamples.draw(fixed, options.samples(), options.seed() + index);
            MovingImage image = new MovingImage(moving);
            return options.metric() == RegistrationOptions.MetricKind.MI
                    ? new MattesMutualInformation(samples, image, options.bins())
                    : new NormalizedCorrelation(samples, image);
        }
    }
}
