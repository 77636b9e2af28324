package se.ixbi.workers.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.ixbi.workers.runtime.TopicHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.QuarantineGuard;
import se.ixbi.workers.storage.StoredObject;

/**
 * {@code data.quarantine}, after consent is withdrawn: lists every object of the case in
 * {@code quarantine/cases/<caseId>.json} for the auditor. The listing is also the marker that makes the
 * {@link QuarantineGuard} refuse further processing of those objects. Nothing is deleted: deletion is a retention
 * decision. Running it again lists the objects again, including any written since.
 */
@Component
class QuarantineHandler implements TopicHandler {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final Clock clock;

    QuarantineHandler(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return "data.quarantine";
    }

    @Override
    public Map<String, Object> handle(WorkItem item) throws Exception {
        String caseId = item.caseId();
        // the marker first: from here on no worker writes to the case, so the listing below is complete
        store.put(QuarantineGuard.markerKey(caseId), JSON.writeValueAsBytes(Map.of("caseId", caseId,
                "quarantinedAt", Instant.now(clock).toString(), "objects", "being listed")));
        List<StoredObject> objects = store.list(QuarantineGuard.casePrefix(caseId));
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("caseId", caseId);
        listing.put("quarantinedAt", Instant.now(clock).toString());
        listing.put("reason", "consent withdrawn");
        listing.put("retention", "kept until a retention decision; not readable by processing");
        listing.put("objects", objects.stream()
                .map(o -> Map.of("uri", store.uri(o.key()).toString(), "size", o.size()))
                .toList());
        store.put(QuarantineGuard.markerKey(caseId), JSON.writeValueAsBytes(listing));
        return Map.of("quarantinedObjects", objects.size(),
                "quarantineListingUri", store.uri(QuarantineGuard.markerKey(caseId)).toString());
    }
}
