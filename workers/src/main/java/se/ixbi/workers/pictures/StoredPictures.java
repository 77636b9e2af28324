package se.ixbi.workers.pictures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.workers.storage.DatasetManifest;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.StoredObject;

/**
 * Pictures stored beside their dataset as PNG, and the process variable that tells the engine about them: a JSON
 * array of {@code {name, caption, uri, sha256, sizeBytes}} (docs/topics.md). The same picture makes the same bytes,
 * so a redelivered task writes the same objects.
 */
public final class StoredPictures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredPictures() {
    }

    /** Stores each picture as {@code <folder>/<name>.png}. */
    public static List<Map<String, Object>> store(ObjectStore store, String folder, List<Picture> pictures) {
        List<Map<String, Object>> stored = new ArrayList<>();
        for (Picture picture : pictures) {
            StoredObject object = store.put(folder + "/" + picture.name() + ".png", png(picture));
            stored.add(describe(store, picture.name(), picture.caption(), object));
        }
        return stored;
    }

    /** The PNGs a dataset already holds (its manifest names them), with their captions by file name. */
    public static List<Map<String, Object>> inDataset(ObjectStore store, String prefix, DatasetManifest manifest,
            Map<String, String> captions) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (DatasetManifest.Entry entry : manifest.files()) {
            String file = entry.path().substring(entry.path().lastIndexOf('/') + 1);
            if (file.endsWith(".png") && captions.containsKey(file)) {
                found.add(describe(store, file.substring(0, file.length() - ".png".length()), captions.get(file),
                        new StoredObject(prefix + "/" + entry.path(), entry.size(), entry.sha256())));
            }
        }
        return found;
    }

    /** The variable's value. */
    public static String variable(List<Map<String, Object>> pictures) {
        try {
            return JSON.writeValueAsString(pictures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A picture folder beside a dataset or transform: its key without the extension, then {@code .pictures}. */
    public static String folderBeside(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return key.substring(0, key.length() - name.length()) + (dot < 0 ? name : name.substring(0, dot))
                + ".pictures";
    }

    private static Map<String, Object> describe(ObjectStore store, String name, String caption, StoredObject object) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("caption", caption);
        d.put("uri", store.uri(object.key()).toString());
        d.put("sha256", object.sha256());
        d.put("sizeBytes", object.size());
        return d;
    }

    /**
     * The picture as PNG, encoded in memory: {@code ImageIO.write} to a stream caches in a file whose clean-up it
     * registers as a shutdown hook, which fails once the JVM is stopping, so a node finishing its task after SIGTERM
     * could not store the task's pictures.
     */
    static byte[] png(Picture picture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(picture.image());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
