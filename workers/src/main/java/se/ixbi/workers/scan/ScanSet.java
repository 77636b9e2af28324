package se.ixbi.workers.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scan of the same specimen per propagation distance, for phase retrieval by CTF: a folder of DXchange files
 * with {@value #INDEX}, which names each file and the distance it was taken at, e.g.
 * {@code {"scans": [{"file": "z30.h5", "distanceMm": 30}, {"file": "z90.h5", "distanceMm": 90}]}}. The scans come
 * in the order of their distances, nearest first.
 */
public record ScanSet(List<Scan> scans) {

    /** The file of a scan set that names its scans. */
    public static final String INDEX = "scans.json";
    /** CTF retrieves the phase from two to four distances; one is Paganin's. */
    public static final int MAX_DISTANCES = 4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Distances that differ by less than this are the same distance (a plan gives whole millimetres). */
    private static final double SAME_MM = 1e-3;

    /** @param file relative to the scan set's folder */
    public record Scan(String file, double distanceMm) {
    }

    public ScanSet {
        scans = scans == null ? List.of() : scans.stream().sorted(Comparator.comparingDouble(Scan::distanceMm)).toList();
    }

    /** The scan set in {@code folder}, checked: every file named is there, every distance positive and its own. */
    public static ScanSet read(Path folder) {
        Path index = folder.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new BadScanException("a scan set needs " + INDEX + " naming one DXchange file per propagation "
                    + "distance; there is none");
        }
        ScanSet set;
        try {
            set = JSON.readValue(index.toFile(), ScanSet.class);
        } catch (IOException e) {
            throw new BadScanException(INDEX + " is not a list of scans with their distances ({\"scans\": "
                    + "[{\"file\": …, \"distanceMm\": …}, …]}): " + e.getMessage(), e);
        }
        if (set.scans() == null || set.scans().isEmpty()) {
            throw new BadScanException(INDEX + " names no scan");
        }
        if (set.scans().size() > MAX_DISTANCES) {
            throw new BadScanException(INDEX + " names " + set.scans().size() + " scans; CTF phase retrieval takes "
                    + "two to " + MAX_DISTANCES + " distances");
        }
        Set<String> files = new HashSet<>();
        Scan previous = null;
        for (Scan scan : set.scans()) {
            if (scan.file() == null || scan.file().isBlank()) {
                throw new BadScanException(INDEX + " names a scan without its file");
            }
            Path file = folder.resolve(scan.file()).normalize();
            if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
                throw new BadScanException(INDEX + " names " + scan.file() + ", which is not a file of the scan set");
            }
            if (!files.add(file.toString())) {
                throw new BadScanException(INDEX + " names " + scan.file() + " twice");
            }
            if (!(scan.distanceMm() > 0) || Double.isInfinite(scan.distanceMm())) {
                throw new BadScanException(INDEX + " gives " + scan.file() + " the distance " + scan.distanceMm()
                        + " mm; a propagation distance is positive");
            }
            if (previous != null && scan.distanceMm() - previous.distanceMm() < SAME_MM) {
                throw new BadScanException(INDEX + " gives " + previous.file() + " and " + scan.file() + " the same "
                        + "distance, " + format(List.of(scan.distanceMm())) + " mm");
            }
            previous = scan;
        }
        return set;
    }

    public void write(Path folder) {
        try {
            Files.write(folder.resolve(INDEX), JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(INDEX), e);
        }
    }

    /** The scans' files, nearest distance first. */
    public List<Path> files(Path folder) {
        return scans.stream().map(s -> folder.resolve(s.file())).toList();
    }

    public List<Double> distancesMm() {
        return scans.stream().map(Scan::distanceMm).toList();
    }

    /**
     * Refuses a scan set whose distances are not the plan's: phase retrieved with distances other than the ones
     * the scans were taken at gives a wrong volume, not an error.
     *
     * @param plannedMm the acquisition plan's distances as it gives them, e.g. "30,90,270"; blank for absorption
     */
    public void requireDistances(String plannedMm) {
        List<Double> planned = millimetres(plannedMm).stream().sorted().toList();
        boolean same = planned.size() == scans.size();
        for (int i = 0; same && i < planned.size(); i++) {
            same = Math.abs(planned.get(i) - scans.get(i).distanceMm()) < SAME_MM;
        }
        if (!same) {
            throw new BadScanException("the scan set is taken at " + format(distancesMm()) + " mm; the acquisition "
                    + "plan " + (planned.isEmpty() ? "names no propagation distance (absorption contrast)"
                            : "names " + format(planned) + " mm"));
        }
    }

    /** Distances as an acquisition plan gives them, "100" or "30, 90; 270"; empty for none. */
    public static List<Double> millimetres(String text) {
        List<Double> distances = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return distances;
        }
        for (String part : text.trim().split("[,;\\s]+")) {
            try {
                distances.add(Double.valueOf(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("propagation distances are not a list of numbers: " + text);
            }
        }
        return distances;
    }

    /** "30, 90, 270". */
    static String format(List<Double> distancesMm) {
        return distancesMm.stream().map(d -> d == Math.rint(d) ? Long.toString(d.longValue())
                : String.format(Locale.ROOT, "%s", d)).collect(Collectors.joining(", "));
    }
}
