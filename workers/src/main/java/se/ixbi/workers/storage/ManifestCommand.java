package se.ixbi.workers.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "manifest", mixinStandardHelpOptions = true,
        description = {"Write the manifest of a dataset folder (a scan set, an OME-Zarr image) beside it, "
                + "<name>.manifest.json with each file's size and SHA-256, as the workers write theirs.",
                "Prints the SHA-256 and size that the upload notice gives (POST /api/cases/{id}/datasets)."})
public class ManifestCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the folder, where it lies in the store or before it is copied there")
    Path folder;

    @Option(names = "--dataset", required = true,
            description = "its key in the store, e.g. cases/<case>/<specimen>/xray/raw/holo")
    String dataset;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(folder)) {
            System.err.println("error: " + folder + " is not a folder");
            return 2;
        }
        if (!dataset.matches("[^/\\s][^\\s]*[^/\\s]") || dataset.contains("..")) {
            System.err.println("error: --dataset must be a store key such as cases/<case>/<specimen>/xray/raw/<name>, "
                    + "was " + dataset);
            return 2;
        }
        List<DatasetManifest.Entry> entries = DatasetTrees.files(folder).stream()
                .map(file -> new DatasetManifest.Entry(DatasetTrees.relative(folder, file), size(file),
                        Sha256.of(file)))
                .toList();
        if (entries.isEmpty()) {
            System.err.println("error: " + folder + " holds no file");
            return 2;
        }
        DatasetManifest manifest = new DatasetManifest(dataset, entries);
        String name = DatasetManifest.keyFor(dataset);
        Path written = folder.toAbsolutePath().normalize().resolveSibling(name.substring(name.lastIndexOf('/') + 1));
        byte[] json = manifest.toJson();
        Files.write(written, json);
        System.err.println("wrote " + written + ": " + entries.size() + " files; copy it beside the folder, last");
        System.out.println("sha256 " + Sha256.of(json));
        System.out.println("sizeBytes " + manifest.totalSize());
        return 0;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
