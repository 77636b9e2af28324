package se.ixbi.gpu.registration;

/**
 * Places a 2D section (a spatial-omics image) in a volume: the plane's pose by {@link Registration} (an FFT search
 * over positions, tilts and every turn on the slide, then rigid refinement), then the section's own in-plane
 * deformation as a B-spline refined by the same metric with a small penalty on displacement, so that the warp follows
 * the tissue rather than the noise. A section point p lands in the volume at {@code pose(p + u(p))}.
 */
public final class SectionRegistration {

    /** The pose, the in-plane deformation, and the metric before and after the deformation. */
    public record Result(AffineTransform pose, InPlaneDeformation deformation, RegistrationResult rigid,
            double metricValue, double seconds) {

        /** Where a section point (µm, in the section's frame: z at its plane) lands in the volume. */
        public double[] map(double y, double x, double planeZ) {
            double[] u = deformation.at(y, x);
            return pose.apply(new double[] {planeZ, y + u[0], x + u[1]});
        }
    }

    /**
     * Weight of the warp's bending (second differences of the control points, µm²): a section stretched evenly
     * costs nothing, a crumpled one a lot. A faint pull towards no displacement keeps the warp from drifting
     * along with the pose it shares an in-plane shift with.
     */
    private static final double BENDING = 1e-3;
    private static final double SHRINK = 1e-6;

    private final RegistrationOptions options;
    private final int nodes;

    /** @param nodes control points per axis of the in-plane B-spline (4 and up; 0 for none) */
    public SectionRegistration(RegistrationOptions options, int nodes) {
        if (nodes != 0 && nodes < 4) {
            throw new IllegalArgumentException("the in-plane grid needs 0 or at least 4 nodes per axis");
        }
        this.options = options;
        this.nodes = nodes;
    }

    public Result register(Volume section, Volume volume) {
        if (section.depth() != 1) {
            throw new IllegalArgumentException("a section has one plane; got " + section.depth());
        }
        long start = System.nanoTime();
        RegistrationResult rigid = new Registration(options).register(section, volume);
        InPlaneDeformation deformation = new InPlaneDeformation(new double[] {section.origin()[1],
            section.origin()[2]}, new double[] {section.extent(1), section.extent(2)}, Math.max(nodes, 4));
        AffineTransform pose = rigid.fixedToMoving();
        double value = rigid.metricValue();
        if (nodes > 0) {
            // pose and warp together, at the two finest spacings: a warp found under a fixed pose would leave the
            // pose bent towards the warp's average
            double base = Registration.workingSpacing(section, volume);
            for (double spacing : new double[] {2 * base, base}) {
                Refined r = refine(section.coarsenedTo(spacing), volume.coarsenedTo(spacing), spacing, pose,
                        deformation);
                pose = r.pose;
                value = r.value;
            }
        }
        return new Result(pose, deformation, rigid, value, (System.nanoTime() - start) / 1e9);
    }

    private record Refined(AffineTransform pose, double value) {
    }

    private Refined refine(Volume fixed, Volume moving, double spacing, AffineTransform start,
            InPlaneDeformation deformation) {
        FixedSamples samples = FixedSamples.draw(fixed, options.samples(), 29);
        Metric metric = options.metric() == RegistrationOptions.MetricKind.MI
                ? new MattesMutualInformation(samples, new MovingImage(moving), options.bins())
                : new NormalizedCorrelation(samples, new MovingImage(moving));
        int n = samples.count;
        InPlaneDeformation.Support[] support = new InPlaneDeformation.Support[n];
        for (int k = 0; k < n; k++) {
            support[k] = deformation.support(samples.y[k], samples.x[k]);
        }
        double[] centre = fixed.centre();
        double radius = Math.max(spacing, 0.5 * Math.max(fixed.extent(1), fixed.extent(2)));
        int rigidCount = TransformModel.RIGID.parameterCount;
        int params = rigidCount + deformation.parameterCount();
        double[] q0 = new double[params];
        System.arraycopy(TransformModel.RIGID.parameters(start, centre, radius), 0, q0, 0, rigidCount);
        System.arraycopy(deformation.coefficients(), 0, q0, rigidCount, deformation.parameterCount());
        QuasiNewtonOptimizer optimizer = new QuasiNewtonOptimizer(spacing, 0.01 * spacing, options.iterations());
        QuasiNewtonOptimizer.Result r = optimizer.minimise(q0, (q, gradient) -> {
            AffineTransform pose = TransformModel.RIGID.transform(q, centre, radius);
            double[] warped = new double[3 * n];
            for (int k = 0; k < n; k++) {
                double uy = 0;
                double ux = 0;
                InPlaneDeformation.Support s = support[k];
                for (int i = 0; i < 16; i++) {
                    uy += s.weight[i] * q[rigidCount + 2 * s.node[i]];
                    ux += s.weight[i] * q[rigidCount + 2 * s.node[i] + 1];
                }
                warped[3 * k] = samples.z[k];
                warped[3 * k + 1] = samples.y[k] + uy;
                warped[3 * k + 2] = samples.x[k] + ux;
            }
            double[] dPoint = new double[3 * n];
            double value = metric.evaluate((k, out) -> pose.apply(warped[3 * k], warped[3 * k + 1],
                    warped[3 * k + 2], out), dPoint);
            double[] a = pose.linear();
            double[] g12 = new double[12];
            java.util.Arrays.fill(gradient, 0);
            for (int k = 0; k < n; k++) {
                double gz = dPoint[3 * k];
                double gy = dPoint[3 * k + 1];
                double gx = dPoint[3 * k + 2];
                if (gz == 0 && gy == 0 && gx == 0) {
                    continue;
                }
                Metric.addAffineGradient(g12, gz, gy, gx, warped[3 * k] - centre[0], warped[3 * k + 1] - centre[1],
                        warped[3 * k + 2] - centre[2]);
                // ∂(landing point)/∂u_y is A's y column, ∂/∂u_x its x column
                double alongY = gz * a[1] + gy * a[4] + gx * a[7];
                double alongX = gz * a[2] + gy * a[5] + gx * a[8];
                InPlaneDeformation.Support s = support[k];
                for (int i = 0; i < 16; i++) {
                    gradient[rigidCount + 2 * s.node[i]] += s.weight[i] * alongY;
                    gradient[rigidCount + 2 * s.node[i] + 1] += s.weight[i] * alongX;
                }
            }
            double[] rigidGradient = new double[rigidCount];
            TransformModel.RIGID.chain(q, radius, g12, rigidGradient);
            System.arraycopy(rigidGradient, 0, gradient, 0, rigidCount);
            return value + Bending.penalty(q, rigidCount, deformation.nodes(), BENDING, SHRINK, gradient);
        });
        double[] best = r.parameters();
        deformation.setCoefficients(java.util.Arrays.copyOfRange(best, rigidCount, params));
        AffineTransform pose = TransformModel.RIGID.transform(best, centre, radius);
        double value = metric.reported(metric.evaluate((k, out) -> {
            double[] u = deformation.at(samples.y[k], samples.x[k]);
            pose.apply(samples.z[k], samples.y[k] + u[0], samples.x[k] + u[1], out);
        }, null));
        return new Refined(pose, value);
    }
}
