package se.ixbi.processes.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One picture as a worker announces it in a {@code <prefix>Pictures} variable, checked before it is recorded. */
record PictureNotice(String name, String caption, String uri, String sha256, long sizeBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern URI = Pattern.compile("(s3|file)://\\S{1,1000}\\.png");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    static List<PictureNotice> parse(String variable, String json) {
        JsonNode list;
        try {
            list = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw refused(variable, "is not JSON: " + e.getOriginalMessage());
        }
        if (!list.isArray()) {
            throw refused(variable, "is not a JSON array");
        }
        List<PictureNotice> notices = new ArrayList<>();
        for (JsonNode p : list) {
            PictureNotice notice = new PictureNotice(p.path("name").asText(""), p.path("caption").asText(""),
                    p.path("uri").asText(""), p.path("sha256").asText(""), p.path("sizeBytes").asLong(-1));
            if (!NAME.matcher(notice.name()).matches() || notice.caption().isBlank() || notice.caption().length() > 300
                    || !URI.matcher(notice.uri()).matches() || !SHA256.matcher(notice.sha256()).matches()
                    || notice.sizeBytes() < 0) {
                throw refused(variable, "holds a picture without a name (a-z, 0-9, -), a caption of at most 300"
                        + " characters, an s3:// or file:// URI of a .png, a SHA-256 and a size: " + p);
            }
            notices.add(notice);
        }
        return notices;
    }

    private static IllegalStateException refused(String variable, String why) {
        return new IllegalStateException("the worker's " + variable + " " + why + " (docs/topics.md)");
    }
}
