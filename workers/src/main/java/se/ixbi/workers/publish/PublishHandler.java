package se.ixbi.workers.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import se.ixbi.workers.runtime.PermanentFailure;
import se.ixbi.workers.runtime.TopicHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.storage.DatasetManifest;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.QuarantineGuard;
import se.ixbi.workers.storage.Sha256;
import se.ixbi.workers.storage.StoredObject;
import se.ixbi.workers.version.WorkersVersion;

/**
 * {@code data.publish}: the case's data product, {@code products/<caseId>/data-product.json}. It lists the case's
 * current datasets (those the engine names in {@code publishedDatasetUris}: no refused upload, no superseded scan)
 * by level (raw, reconstructed, registered, analysed) with its URI, size and SHA-256 (for a multi-file
 * dataset, that of its manifest) and its provenance record where one exists. The product's own SHA-256 is the
 * task's output, so a recipient can check what they received. Only runs with data-sharing consent.
 */
@Component
class PublishHandler implements TopicHandler {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> LEVELS = List.of("raw", "reconstructed", "registered", "analysed");

    private final ObjectStore store;
    private final Clock clock;

    PublishHandler(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return "data.publish";
    }

    @Override
    public Map<String, Object> handle(WorkItem item) throws Exception {
        String caseId = item.caseId();
        Object sharing = item.variables().get("scopeDataSharing");
        if (!Boolean.TRUE.equals(sharing) && !"true".equals(String.valueOf(sharing))) {
            throw new PermanentFailure("case " + caseId + " has no data-sharing consent (scopeDataSharing = "
                    + sharing + "): nothing is published");
        }
        if (store instanceof QuarantineGuard guard && guard.isQuarantined(caseId)) {
            throw new PermanentFailure("case " + caseId + " is quarantined (consent withdrawn): nothing is published");
        }
        // the engine names the case's current datasets; refused uploads and superseded scans stay out
        java.util.Set<String> current = item.string("publishedDatasetUris") == null ? null
                : new java.util.HashSet<>(java.util.Arrays.asList(JSON.readValue(item.string("publishedDatasetUris"),
                        String[].class)));
        Map<String, List<Map<String, Object>>> byLevel = new TreeMap<>();
        LEVELS.forEach(level -> byLevel.put(level, new ArrayList<>()));
        for (StoredObject object : store.list(QuarantineGuard.casePrefix(caseId))) {
            String[] parts = object.key().split("/");
            // cases/<case>/<specimen>/<modality>/<level>/<name>: single files and dataset manifests, not zarr chunks
            if (parts.length != 6 || !LEVELS.contains(parts[4]) || parts[5].endsWith(".provenance.json")) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("specimen", parts[2]);
            entry.put("modality", parts[3]);
            if (parts[5].endsWith(".manifest.json")) {
                byte[] manifestJson = store.read(object.key());
                DatasetManifest manifest = DatasetManifest.fromJson(manifestJson);
                if (current != null && !current.contains(store.uri(manifest.dataset()).toString())) {
                    continue;
                }
                entry.put("uri", store.uri(manifest.dataset()).toString());
                entry.put("sizeBytes", manifest.totalSize());
                entry.put("files", manifest.files().size());
                entry.put("manifestSha256", Sha256.of(manifestJson));
                String provenanceKey = object.key().replace(".manifest.json", ".provenance.json");
                if (store.stat(provenanceKey).isPresent()) {
                    JsonNode provenance = JSON.readTree(store.read(provenanceKey));
                    entry.put("provenance", provenance);
                }
            } else if (!parts[5].contains(".zarr")) {
                if (current != null && !current.contains(store.uri(object.key()).toString())) {
                    continue;
                }
                StoredObject stat = store.stat(object.key()).orElseThrow();
                entry.put("uri", store.uri(object.key()).toString());
                entry.put("sizeBytes", stat.size());
                entry.put("sha256", stat.sha256());
            } else {
                continue;
            }
            byLevel.get(parts[4]).add(entry);
        }
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("caseId", caseId);
        product.put("publishedAt", Instant.now(clock).toString());
        product.put("software", WorkersVersion.NAME);
        Map<String, Object> levels = new LinkedHashMap<>();
        LEVELS.forEach(level -> levels.put(level, byLevel.get(level)));
        product.put("levels", levels);
        String key = "products/" + caseId + "/data-product.json";
        StoredObject stored = store.put(key, JSON.writeValueAsBytes(product));
        return Map.of("dataProductUri", store.uri(key).toString(), "dataProductManifestSha256", stored.sha256());
    }
}
