package se.ixbi.workers.omics;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * A cell table as CSV, the lowest common denominator of spatial-omics exports: a header {@code cell_id,x,y,<gene>…}
 * (positions in micrometres) and one row per cell. Bad rows are refused with their line number.
 */
public final class CellCsv {

    private CellCsv() {
    }

    public static CellTable read(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new BadCellTableException(path.getFileName() + " is empty");
            }
            String[] columns = header.split(",", -1);
            if (columns.length < 4 || !columns[0].trim().equals("cell_id") || !columns[1].trim().equals("x")
                    || !columns[2].trim().equals("y")) {
                throw new BadCellTableException(path.getFileName() + ": the header must start cell_id,x,y and name at"
                        + " least one gene, found: " + header);
            }
            String[] genes = new String[columns.length - 3];
            for (int j = 0; j < genes.length; j++) {
                genes[j] = columns[j + 3].trim();
            }
            List<String> ids = new ArrayList<>();
            List<double[]> positions = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != columns.length) {
                    throw new BadCellTableException(path.getFileName() + " line " + number + ": " + f.length
                            + " fields, the header has " + columns.length);
                }
                try {
                    double x = Double.parseDouble(f[1]);
                    double y = Double.parseDouble(f[2]);
                    float[] v = new float[genes.length];
                    for (int j = 0; j < genes.length; j++) {
                        v[j] = Float.parseFloat(f[j + 3]);
                        if (!Float.isFinite(v[j]) || v[j] < 0) {
                            throw new NumberFormatException("a negative or non-finite count " + f[j + 3]);
                        }
                    }
                    if (!Double.isFinite(x) || !Double.isFinite(y)) {
                        throw new NumberFormatException("a non-finite position");
                    }
                    ids.add(f[0]);
                    positions.add(new double[] {x, y});
                    rows.add(v);
                } catch (NumberFormatException e) {
                    throw new BadCellTableException(path.getFileName() + " line " + number + ": " + e.getMessage());
                }
            }
            double[] xs = new double[ids.size()];
            double[] ys = new double[ids.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = positions.get(i)[0];
                ys[i] = positions.get(i)[1];
            }
            return new CellTable(ids.toArray(String[]::new), genes, xs, ys, rows.toArray(float[][]::new));
        } catch (IOException e) {
            throw new BadCellTableException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path path, CellTable table) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.write("cell_id,x,y," + String.join(",", table.genes()));
            out.newLine();
            for (int i = 0; i < table.cells(); i++) {
                StringBuilder row = new StringBuilder(table.cellIds()[i]).append(',')
                        .append(format(table.x()[i])).append(',').append(format(table.y()[i]));
                for (float v : table.values()[i]) {
                    row.append(',').append(format(v));
                }
                out.write(row.toString());
                out.newLine();
            }
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
