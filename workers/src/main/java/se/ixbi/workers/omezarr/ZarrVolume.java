package se.ixbi.workers.omezarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads one level of a float32 Zarr v2 array as written by {@link OmeZarrWriter} (zstd, zlib or none). */
public record ZarrVolume(int depth, int height, int width, float[] values) {

    public static ZarrVolume read(Path arrayDir) {
        try {
            JsonNode meta = new ObjectMapper().readTree(arrayDir.resolve(".zarray").toFile());
            int d = meta.path("shape").get(0).asInt();
            int h = meta.path("shape").get(1).asInt();
            int w = meta.path("shape").get(2).asInt();
            int cz = meta.path("chunks").get(0).asInt();
            int cy = meta.path("chunks").get(1).asInt();
            int cx = meta.path("chunks").get(2).asInt();
            String sep = meta.path("dimension_separator").asText(".");
            ChunkCodec codec = ChunkCodec.fromId(meta.path("compressor").path("id").asText(null));
            ByteOrder order = meta.path("dtype").asText().startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            float[] values = new float[d * h * w];
            for (int zi = 0; zi * cz < d; zi++) {
                for (int yi = 0; yi * cy < h; yi++) {
                    for (int xi = 0; xi * cx < w; xi++) {
                        Path chunk = arrayDir.resolve(zi + sep + yi + sep + xi);
                        if (!Files.exists(chunk)) {
                            continue;
                        }
                        byte[] bytes = Files.readAllBytes(chunk);
                        ByteBuffer raw = ByteBuffer.wrap(codec.decode(bytes, cz * cy * cx * 4)).order(order);
                        for (int z = 0; z < cz; z++) {
                            for (int y = 0; y < cy; y++) {
                                for (int x = 0; x < cx; x++) {
                                    float v = raw.getFloat();
                                    int gz = zi * cz + z;
                                    int gy = yi * cy + y;
                                    int gx = xi * cx + x;
                                    if (gz < d && gy < h && gx < w) {
                                        values[(gz * h + gy) * w + gx] = v;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return new ZarrVolume(d, h, w, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public float at(int z, int y, int x) {
        return values[(z * height + y) * width + x];
    }
}
