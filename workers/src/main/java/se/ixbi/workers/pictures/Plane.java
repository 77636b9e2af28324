package se.ixbi.workers.pictures;

/**
 * A rectangle in a volume's physical space (z, y, x µm), drawn as a picture: {@code corner} is the top-left pixel's
 * centre, {@code down} and {@code right} unit vectors along its rows and columns, {@code pixelUm} the picture's
 * pixel size.
 */
record Plane(double[] corner, double[] down, double[] right, int rows, int columns, double pixelUm) {

    private static final int LONGEST_SIDE_PX = 512;

    /**
     * The rectangle through {@code centre} spanned by two of the axes (0 z, 1 y, 2 x), {@code heightUm} along
     * {@code downAxis} and {@code widthUm} along {@code rightAxis}, drawn 512 pixels along its longer side.
     */
    static Plane axisAligned(double[] centre, int downAxis, double heightUm, int rightAxis, double widthUm) {
        double pixel = Math.max(heightUm, widthUm) / LONGEST_SIDE_PX;
        int rows = Math.max(1, (int) Math.round(heightUm / pixel));
        int columns = Math.max(1, (int) Math.round(widthUm / pixel));
        double[] down = unit(downAxis);
        double[] right = unit(rightAxis);
        double[] corner = centre.clone();
        for (int a = 0; a < 3; a++) {
            corner[a] += -down[a] * (rows - 1) * pixel / 2 - right[a] * (columns - 1) * pixel / 2;
        }
        return new Plane(corner, down, right, rows, columns, pixel);
    }

    /** The physical point of pixel ({@code row}, {@code column}). */
    double[] at(int row, int column) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = corner[a] + down[a] * row * pixelUm + right[a] * column * pixelUm;
        }
        return p;
    }

    private static double[] unit(int axis) {
        double[] u = new double[3];
        u[axis] = 1;
        return u;
    }
}
