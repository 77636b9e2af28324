package se.ixbi.workers.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scan set must be before anything is reconstructed from it, and the reason given where it is not. */
class ScanSetTest {

    @TempDir
    Path dir;

    @Test
    void scansComeNearestFirstWithTheirFilesAndDistances() throws IOException {
        touch("far.h5", "near.h5");
        new ScanSet(List.of(new ScanSet.Scan("far.h5", 270), new ScanSet.Scan("near.h5", 30))).write(dir);
        ScanSet set = ScanSet.read(dir);
        assertThat(set.distancesMm()).containsExactly(30.0, 270.0);
        assertThat(set.files(dir)).containsExactly(dir.resolve("near.h5"), dir.resolve("far.h5"));
        set.requireDistances("270, 30");
    }

    @Test
    void aSetThatCannotBeReconstructedAsItIsSaysWhy() throws IOException {
        assertThatThrownBy(() -> ScanSet.read(dir)).isInstanceOf(BadScanException.class)
                .hasMessageContaining("needs scans.json");
        Files.writeString(dir.resolve(ScanSet.INDEX), "[1, 2]");
        assertThatThrownBy(() -> ScanSet.read(dir)).hasMessageContaining("is not a list of scans");
        Files.writeString(dir.resolve(ScanSet.INDEX), "{\"scans\": []}");
        assertThatThrownBy(() -> ScanSet.read(dir)).hasMessageContaining("names no scan");

        touch("a.h5", "b.h5", "c.h5", "d.h5", "e.h5");
        refused("names missing.h5, which is not a file of the scan set", scan("a.h5", 30), scan("missing.h5", 90));
        refused("names ../a.h5, which is not a file of the scan set", scan("a.h5", 30), scan("../a.h5", 90));
        refused("names a.h5 twice", scan("a.h5", 30), scan("a.h5", 90));
        refused("a propagation distance is positive", scan("a.h5", 0), scan("b.h5", 90));
        refused("gives a.h5 and b.h5 the same distance, 90 mm", scan("a.h5", 90), scan("b.h5", 90));
        refused("names 5 scans; CTF phase retrieval takes two to 4 distances", scan("a.h5", 10), scan("b.h5", 20),
                scan("c.h5", 30), scan("d.h5", 40), scan("e.h5", 50));
    }

    @Test
    void distancesOtherThanThePlansAreRefused() throws IOException {
        touch("a.h5", "b.h5");
        new ScanSet(List.of(scan("a.h5", 30), scan("b.h5", 90))).write(dir);
        ScanSet set = ScanSet.read(dir);
        assertThatThrownBy(() -> set.requireDistances("30,90,270")).isInstanceOf(BadScanException.class)
                .hasMessage("the scan set is taken at 30, 90 mm; the acquisition plan names 30, 90, 270 mm");
        assertThatThrownBy(() -> set.requireDistances("30, 100")).hasMessageContaining("names 30, 100 mm");
        assertThatThrownBy(() -> set.requireDistances("")).hasMessageContaining("names no propagation distance");
        assertThatThrownBy(() -> set.requireDistances("30 mm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a list of numbers");
    }

    private static ScanSet.Scan scan(String file, double distanceMm) {
        return new ScanSet.Scan(file, distanceMm);
    }

    private void refused(String reason, ScanSet.Scan... scans) {
        new ScanSet(List.of(scans)).write(dir);
        assertThatThrownBy(() -> ScanSet.read(dir)).isInstanceOf(BadScanException.class).hasMessageContaining(reason);
    }

    private void touch(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), "scan");
        }
    }
}
