package se.ixbi.gpu.phantom;

/**
 * An ellipse in a slice with a constant value inside: centre (pixels from the slice centre), semi-axes, rotation
 * and value. Its parallel projection is known in closed form, so sinograms of ellipse phantoms are exact.
 */
record Ellipse(double cx, double cy, double a, double b, double phiRad, double value) {

    public boolean contains(double x, double y) {
        double dx = x - cx;
        double dy = y - cy;
        double c = Math.cos(phiRad);
        double s = Math.sin(phiRad);
        double u = (dx * c + dy * s) / a;
        double v = (-dx * s + dy * c) / b;
        return u * u + v * v <= 1.0;
    }

    /** Line integral along {@code x cos θ + y sin θ = t}. */
    public double project(double theta, double t) {
        double tau = t - (cx * Math.cos(theta) + cy * Math.sin(theta));
        double c = Math.cos(theta - phiRad);
        double s = Math.sin(theta - phiRad);
        double s2 = a * a * c * c + b * b * s * s;
        double r = s2 - tau * tau;
        return r <= 0 ? 0 : 2 * a * b * value * Math.sqrt(r) / s2;
    }
}
