package se.ixbi.workers.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The files of a multi-object dataset (an OME-Zarr tree), each with size and SHA-256. It is written after every
 * file, so its presence means the dataset is complete; its own SHA-256 is the dataset's checksum.
 *
 * @param dataset key prefix of the dataset, e.g. {@code cases/…/reconstructed/<id>.zarr}
 * @param files paths relative to the prefix, in path order
 */
public record DatasetManifest(String dataset, List<Entry> files) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record Entry(String path, long size, String sha256) {
    }

    /** Where the manifest of the dataset at {@code prefix} lives: beside it, {@code <id>.manifest.json}. */
    public static String keyFor(String prefix) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        int dot = base.lastIndexOf('.');
        int slash = base.lastIndexOf('/');
        return (dot > slash ? base.substring(0, dot) : base) + ".manifest.json";
    }

    public long totalSize() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DatasetManifest fromJson(byte[] json) {
        try {
            return JSON.readValue(json, DatasetManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a dataset manifest: " + e.getMessage(), e);
        }
    }
}
