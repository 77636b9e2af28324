package se.ixbi.workers.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.WorkersCommand;

/** A manifest written by hand for an upload is the one the workers write for the same folder, byte for byte. */
class ManifestCommandTest {

    @TempDir
    Path dir;

    @Test
    void theManifestOfAFolderIsTheWorkersOwnAndItsChecksumIsPrintedForTheNotice() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("holo"));
        Files.writeString(folder.resolve("z30mm.h5"), "near");
        Files.writeString(folder.resolve("z90mm.h5"), "farther");
        Files.writeString(folder.resolve("scans.json"), "{\"scans\": []}");
        String key = "cases/IXBI-2026-000001/CORE-A/xray/raw/holo";

        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = WorkersCommand.commandLine().execute("manifest", folder.toString(), "--dataset", key);
        } finally {
            System.setOut(out);
        }
        assertThat(exit).isZero();
        Path written = dir.resolve("holo.manifest.json");
        assertThat(written).exists();

        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"), "ixbi");
        DatasetTrees.Uploaded uploaded = DatasetTrees.upload(store, folder, key);
        assertThat(Files.readAllBytes(written)).isEqualTo(store.read(DatasetManifest.keyFor(key)));
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("sha256 " + uploaded.manifestObject().sha256()
                + System.lineSeparator() + "sizeBytes " + (4 + 7 + 13) + System.lineSeparator());

        assertThat(WorkersCommand.commandLine().execute("manifest", folder.toString(), "--dataset", "../elsewhere"))
                .isEqualTo(2);
        assertThat(WorkersCommand.commandLine().execute("manifest", dir.resolve("none").toString(), "--dataset", key))
                .isEqualTo(2);
    }
}
