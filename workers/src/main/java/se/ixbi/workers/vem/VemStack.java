package se.ixbi.workers.vem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.scan.ScanFile;

/**
 * A FIB-SEM stack as the microscope's export leaves it for IXBI: one HDF5 file, {@code /exchange/data} the slices
 * (slice, row, column; any integer or float type, in milling order) and {@code /exchange/voxel_size_nm} the voxel
 * size (slice step, row, column) in nanometres — the DXchange layout the X-ray scans use, so one reader checks both.
 */
public final class VemStack {

    public static final String DATA = "/exchange/data";
    public static final String VOXEL = "/exchange/voxel_size_nm";

    private VemStack() {
    }

    /** The stack in micrometres, or {@link BadStackException} saying what is wrong with the file. */
    public static Volume read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BadStackException("no FIB-SEM stack at " + path);
        }
        try (HdfFile hdf = open(path)) {
            Dataset data = dataset(hdf, path, DATA);
            int[] shape = data.getDimensions();
            if (shape.length != 3 || shape[0] < 2 || shape[1] < 16 || shape[2] < 16) {
                throw new BadStackException(DATA + " must be slices × rows × columns (at least 2 × 16 × 16), has shape "
                        + Arrays.toString(shape));
            }
            float[] values;
            try {
                values = ScanFile.toFloats(data.getData(), ScanFile.unsigned(data), "voxel", DATA);
            } catch (BadStackException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadStackException("cannot read " + DATA + " (file truncated or damaged?): " + e.getMessage(), e);
            }
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    int plane = shape[1] * shape[2];
                    throw new BadStackException(DATA + " holds a non-finite value in slice " + i / plane);
                }
            }
            Dataset voxel = dataset(hdf, path, VOXEL);
            float[] nm = ScanFile.toFloats(voxel.getData(), false, "voxel size", VOXEL);
            if (nm.length != 3 || !(nm[0] > 0 && nm[1] > 0 && nm[2] > 0)) {
                throw new BadStackException(VOXEL + " must hold three positive sizes (slice, row, column in nm), has "
                        + Arrays.toString(nm));
            }
            return new Volume(shape[0], shape[1], shape[2], new double[] {nm[0] / 1000.0, nm[1] / 1000.0,
                nm[2] / 1000.0}, new double[3], values);
        }
    }

    /** Writes a stack in this layout (float32): the simulator's and the tests' output. */
    public static void write(Path path, Volume stack) {
        float[][][] data = new float[stack.depth()][stack.height()][stack.width()];
        for (int z = 0; z < stack.depth(); z++) {
            for (int y = 0; y < stack.height(); y++) {
                System.arraycopy(stack.values(), (z * stack.height() + y) * stack.width(), data[z][y], 0,
                        stack.width());
            }
        }
        double[] s = stack.spacing();
        try (WritableHdfFile file = HdfFile.write(path)) {
            WritableGroup exchange = file.putGroup("exchange");
            exchange.putDataset("data", data);
            exchange.putDataset("voxel_size_nm", new double[] {s[0] * 1000, s[1] * 1000, s[2] * 1000});
        }
    }

    private static HdfFile open(Path path) {
        try {
            return new HdfFile(path);
        } catch (RuntimeException e) {
            throw new BadStackException(path.getFileName() + " is not a readable HDF5 file (truncated or damaged?): "
                    + e.getMessage(), e);
        }
    }

    private static Dataset dataset(HdfFile hdf, Path path, String name) {
        Node node;
        try {
            node = hdf.getByPath(name);
        } catch (RuntimeException e) {
            throw new BadStackException(path.getFileName() + " has no dataset " + name
                    + " (a FIB-SEM stack needs /exchange/data and /exchange/voxel_size_nm)");
        }
        if (!(node instanceof Dataset d)) {
            throw new BadStackException(name + " is not a dataset");
        }
        return d;
    }
}
