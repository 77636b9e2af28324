package se.ixbi.gpu.registration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiFunction;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search. The metrics' valleys are long and narrow — a
 * rotation and a translation that nearly cancel — so plain gradient steps zigzag and shrink long before the floor;
 * the curvature pairs undo that. The first step, and any step after a direction that does not descend, goes
 * {@code initialStep} along the negative gradient. It stops when a step shorter than {@code minimumStep} gains
 * nothing, or after {@code maxIterations}.
 */
final class QuasiNewtonOptimizer {

    private static final int MEMORY = 7;

    record Result(double[] parameters, double value, int iterations) {
    }

    private final double initialStep;
    private final double minimumStep;
    private final int maxIterations;

    QuasiNewtonOptimizer(double initialStep, double minimumStep, int maxIterations) {
        this.initialStep = initialStep;
        this.minimumStep = minimumStep;
        this.maxIterations = maxIterations;
    }

    /** @param objective value of the parameters, writing their gradient into the second argument */
    Result minimise(double[] start, BiFunction<double[], double[], Double> objective) {
        int n = start.length;
        double[] q = start.clone();
        double[] g = new double[n];
        double value = objective.apply(q, g);
        Deque<double[][]> history = new ArrayDeque<>(); // (s, y, {1/yᵀs})
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            double[] direction = direction(g, history);
            double slope = dot(direction, g);
            if (!(slope < 0)) {
                history.clear();
                direction = negative(g);
                slope = dot(direction, g);
            }
            double length = Math.sqrt(dot(direction, direction));
            if (length == 0 || Double.isNaN(length)) {
                break;
            }
            // a quasi-Newton step is tried whole; a gradient step is scaled to the initial step length
            double alpha = history.isEmpty() ? initialStep / length : Math.min(1.0, 4 * initialStep / length);
            double[] next = null;
            double[] nextGradient = new double[n];
            double nextValue = value;
            while (alpha * length >= minimumStep) {
                next = new double[n];
                for (int i = 0; i < n; i++) {
                    next[i] = q[i] + alpha * direction[i];
                }
                nextValue = objective.apply(next, nextGradient);
                if (nextValue <= value + 1e-4 * alpha * slope) {
                    break;
                }
                alpha *= 0.5;
                next = null;
            }
            if (next == null) {
                if (history.isEmpty()) {
                    break; // not even a short gradient step helps: converged
                }
                history.clear();
                continue;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - q[i];
                y[i] = nextGradient[i] - g[i];
            }
            double ys = dot(y, s);
            if (ys > 1e-12 * Math.sqrt(dot(y, y) * dot(s, s))) {
                history.addLast(new double[][] {s, y, {1 / ys}});
                if (history.size() > MEMORY) {
                    history.removeFirst();
                }
            }
            double gain = value - nextValue;
            q = next;
            g = nextGradient;
            value = nextValue;
            if (alpha * length < minimumStep * 4 && gain < 1e-9 * Math.abs(value)) {
                break;
            }
        }
        return new Result(q, value, iteration);
    }

    /** −H·g by the two-loop recursion over the stored pairs. */
    private static double[] direction(double[] g, Deque<double[][]> history) {
        double[] d = negative(g);
        if (history.isEmpty()) {
            return d;
        }
        double[] a = new double[history.size()];
        int k = history.size() - 1;
        var backwards = history.descendingIterator();
        while (backwards.hasNext()) {
            double[][] pair = backwards.next();
            a[k] = pair[2][0] * dot(pair[0], d);
            axpy(-a[k], pair[1], d);
            k--;
        }
        double[][] last = history.peekLast();
        double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
        for (int i = 0; i < d.length; i++) {
            d[i] *= gamma;
        }
        k = 0;
        for (double[][] pair : history) {
            double b = pair[2][0] * dot(pair[1], d);
            axpy(a[k] - b, pair[0], d);
            k++;
        }
        return d;
    }

    private static double[] negative(double[] g) {
        double[] d = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            d[i] = -g[i];
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
