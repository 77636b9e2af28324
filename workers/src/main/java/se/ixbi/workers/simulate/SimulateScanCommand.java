package se.ixbi.workers.simulate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.ixbi.workers.demo.AcquisitionPlan;
import se.ixbi.workers.scan.ScanSet;
import se.ixbi.workers.scan.ScanSimulator;

@Command(name = "simulate-scan", mixinStandardHelpOptions = true,
        description = {"Write a synthetic DXchange scan of the tissue phantom (absorption, or phase contrast with "
                + "--distances), with photon noise, flats and darks.",
                "With --case, the scan is taken as the case's acquisition plan says (energy, pixel size, distance), "
                        + "so that it passes the case's reconstruction and QC once uploaded."})
public class SimulateScanCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, description = "HDF5 file to write (with --scan-set, a folder)")
    Path output;

    @Option(names = "--scan-set", description = "write a scan set: a folder of one scan per distance, z<mm>mm.h5, "
            + "with " + ScanSet.INDEX + " naming each and its distance; the upload for CTF phase retrieval "
            + "(with --case, at every distance the plan names)")
    boolean scanSet;

    @Mixin
    CaseOptions forCase;

    @Option(names = "--size", defaultValue = "128", description = "detector and volume edge in pixels (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--angles", defaultValue = "180", description = "projections over 180° (default ${DEFAULT-VALUE})")
    int angles;

    @Option(names = "--energy-kev", defaultValue = "20", description = "photon energy (default ${DEFAULT-VALUE})")
    double energyKev;

    @Option(names = "--pixel-size-um", defaultValue = "1.0", description = "pixel size (default ${DEFAULT-VALUE})")
    double pixelUm;

    @Option(names = "--distances", split = ",", description = "propagation distances in metres: phase contrast; "
            + "with several, one scan per distance (scan.h5, scan.d2.h5, ...) for --phase ctf")
    List<Double> distances;

    @Option(names = "--mu-per-voxel", defaultValue = "0.005",
            description = "absorption per voxel of tissue without propagation (default ${DEFAULT-VALUE})")
    double muPerVoxel;

    @Option(names = "--photons", defaultValue = "20000", description = "flat-field counts per pixel (default ${DEFAULT-VALUE})")
    int photons;

    @Option(names = "--seed", defaultValue = "1", description = "phantom and noise seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--cells", defaultValue = "60", description = "cells in the phantom; a vEM block or omics section "
            + "simulated for this scan takes the same --size, --seed and --cells (default ${DEFAULT-VALUE})")
    int cells;

    @Override
    public Integer call() {
        if (size < 8 || angles < 2) {
            System.err.println("error: --size must be at least 8 and --angles at least 2");
            return 2;
        }
        if (Files.exists(output)) {
            System.err.println("error: " + output + " exists; choose a new file");
            return 2;
        }
        AcquisitionPlan plan;
        try {
            plan = forCase.plan();
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        if (plan != null) {
            energyKev = plan.energyKev();
            pixelUm = plan.pixelUm();
            distances = scanSet ? plan.distancesM() : plan.firstDistanceM() == null ? null
                    : List.of(plan.firstDistanceM());
        }
        if (scanSet) {
            return writeScanSet(distances);
        }
        List<Double> zs = distances == null || distances.isEmpty() ? java.util.Collections.singletonList(null)
                : distances;
        for (int d = 0; d < zs.size(); d++) {
            Double distance = zs.get(d);
            Path file = d == 0 ? output : output.resolveSibling(
                    output.getFileName().toString().replaceFirst("(\\.h5|\\.hdf5)?$", ".d" + (d + 1) + "$1"));
            long t0 = System.nanoTime();
            ScanSimulator.write(new ScanSimulator.Settings(size, angles, energyKev, pixelUm, distance, muPerVoxel,
                    photons, 10, 5, seed, seed * 1000 + d, cells), file);
            System.err.printf("wrote %s: %d projections of %d × %d, %s, in %.1f s%n", file, angles, size, size,
                    distance == null ? "absorption" : "phase contrast at " + distance + " m",
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    private int writeScanSet(List<Double> distancesM) {
        if (distancesM == null || distancesM.isEmpty()) {
            System.err.println("error: a scan set needs propagation distances (--distances, or a plan that names them)");
            return 2;
        }
        try {
            Files.createDirectories(output);
        } catch (java.io.IOException e) {
            System.err.println("error: cannot create " + output + ": " + e.getMessage());
            return 1;
        }
        List<ScanSet.Scan> scans = new java.util.ArrayList<>();
        for (int d = 0; d < distancesM.size(); d++) {
            double mm = distancesM.get(d) * 1000;
            String name = "z" + (mm == Math.rint(mm) ? Long.toString(Math.round(mm)) : Double.toString(mm)) + "mm.h5";
            ScanSimulator.write(new ScanSimulator.Settings(size, angles, energyKev, pixelUm, distancesM.get(d),
                    muPerVoxel, photons, 10, 5, seed, seed * 1000 + d, cells), output.resolve(name));
            scans.add(new ScanSet.Scan(name, mm));
        }
        new ScanSet(scans).write(output);
        System.err.printf("wrote the scan set %s: %d scans of %d projections of %d × %d, at %s mm%n", output,
                scans.size(), angles, size, size, new ScanSet(scans).distancesMm());
        return 0;
    }
}
