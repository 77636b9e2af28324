package se.ixbi.workers.verify;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.ixbi.workers.runtime.BusinessFailure;
import se.ixbi.workers.runtime.PermanentFailure;
import se.ixbi.workers.runtime.Scratch;
import se.ixbi.workers.runtime.TopicHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.scan.BadScanException;
import se.ixbi.workers.scan.ScanFile;
import se.ixbi.workers.scan.ScanSet;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.DatasetManifest;
import se.ixbi.workers.storage.DatasetTrees;
import se.ixbi.workers.storage.ObjectNotFoundException;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.QuarantineGuard;
import se.ixbi.workers.storage.QuarantinedException;
import se.ixbi.workers.storage.StoredObject;

/**
 * {@code data.verify}: the uploaded raw scan exists where the notification said, has the announced size and
 * SHA-256, and is a DXchange scan whose every projection reads as finite numbers; or, for phase retrieval over
 * several distances, a {@link ScanSet} stored as a tree whose distances are the acquisition plan's. Anything else is
 * the BPMN error {@code BAD_UPLOAD} with the reason, and the case waits for a new upload.
 */
@Component
class DataVerifyHandler implements TopicHandler {

    static final String BAD_UPLOAD = "BAD_UPLOAD";

    private final ObjectStore store;
    private final WorkerProperties properties;

    DataVerifyHandler(ObjectStore store, WorkerProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String topic() {
        return "data.verify";
    }

    @Override
    public Map<String, Object> handle(WorkItem item) throws BusinessFailure {
        try {
            return verify(item);
        } catch (QuarantinedException e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }

    private Map<String, Object> verify(WorkItem item) throws BusinessFailure {
        String uri = item.requireString("xrayRawUri");
        String sha256 = item.requireString("xrayRawSha256");
        Double announcedSize = item.number("xrayRawSizeBytes");
        String key;
        try {
            key = store.key(URI.create(uri));
        } catch (IllegalArgumentException e) {
            throw new BusinessFailure(BAD_UPLOAD, "the upload " + uri + " is not in this platform's object store: "
                    + e.getMessage());
        }
        if (!key.startsWith(QuarantineGuard.casePrefix(item.caseId()))) {
            // one patient's scan must never be processed as another's
            throw new BusinessFailure(BAD_UPLOAD, "the upload " + uri + " is not under this case's folder "
                    + QuarantineGuard.casePrefix(item.caseId()));
        }
        if (DatasetTrees.isTree(store, key)) {
            return verifyScanSet(item, key, uri, sha256, announcedSize);
        }
        Optional<StoredObject> stat = store.stat(key);
        if (stat.isEmpty()) {
            throw new BusinessFailure(BAD_UPLOAD, "no object at " + uri);
        }
        if (announcedSize != null && stat.get().size() != announcedSize.longValue()) {
            throw new BusinessFailure(BAD_UPLOAD, uri + " has " + stat.get().size() + " bytes, the notification said "
                    + announcedSize.longValue() + " (upload cut short?)");
        }
        try (Scratch scratch = Scratch.in(properties.scratch(), item.id())) {
            item.progress(10, "download");
            var local = scratch.resolve("raw.h5");
            try {
                store.download(key, local, sha256);
            } catch (ChecksumMismatchException e) {
                throw new BusinessFailure(BAD_UPLOAD, "SHA-256 of " + uri + " does not match the notification: "
                        + e.getMessage());
            }
            try {
                return Map.of("rawShape", readAll(item, List.of(local)), "rawVerified", true);
            } catch (BadScanException e) {
                throw new BusinessFailure(BAD_UPLOAD, e.getMessage());
            }
        }
    }

    /**
     * An upload of one scan per propagation distance ({@link ScanSet}), stored as a tree with its manifest: the
     * manifest is the one announced, every file the manifest's, the distances the acquisition plan's, and every
     * scan readable and of the same shape.
     */
    private Map<String, Object> verifyScanSet(WorkItem item, String key, String uri, String sha256,
            Double announcedSize) throws BusinessFailure {
        try (Scratch scratch = Scratch.in(properties.scratch(), item.id())) {
            item.progress(10, "download");
            Path folder = scratch.resolve("raw");
            DatasetManifest manifest;
            try {
                manifest = DatasetTrees.download(store, key, folder, sha256);
            } catch (ChecksumMismatchException e) {
                throw new BusinessFailure(BAD_UPLOAD, "SHA-256 of the scan set " + uri + " does not match: "
                        + e.getMessage());
            } catch (ObjectNotFoundException e) {
                throw new BusinessFailure(BAD_UPLOAD, "the scan set " + uri + " is incomplete: "
                        + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new BusinessFailure(BAD_UPLOAD, "the scan set " + uri + " has no usable manifest: "
                        + e.getMessage());
            }
            if (!key.equals(manifest.dataset())) {
                throw new BusinessFailure(BAD_UPLOAD, "the manifest of " + uri + " is that of " + manifest.dataset());
            }
            if (announcedSize != null && manifest.totalSize() != announcedSize.longValue()) {
                throw new BusinessFailure(BAD_UPLOAD, "the scan set " + uri + " has " + manifest.totalSize()
                        + " bytes, the notification said " + announcedSize.longValue() + " (upload cut short?)");
            }
            try {
                ScanSet set = ScanSet.read(folder);
                set.requireDistances(item.string("propagationDistancesMm"));
                String shape = readAll(item, set.files(folder));
                return Map.of("rawShape", shape + " at " + set.scans().size() + " distances", "rawVerified", true);
            } catch (BadScanException e) {
                throw new BusinessFailure(BAD_UPLOAD, e.getMessage());
            }
        }
    }

    /** Reads every projection, flat and dark of each scan; the scans' common shape, "angles × rows × cols". */
    private static String readAll(WorkItem item, List<Path> scans) {
        String shape = null;
        for (int s = 0; s < scans.size(); s++) {
            try (ScanFile scan = ScanFile.open(scans.get(s))) {
                var projections = scan.inOrder(32L << 20);
                for (int a = 0; a < scan.angles(); a++) {
                    projections.next();
                    if (a % 16 == 0) {
                        item.progress(40 + 60 * (s * scan.angles() + a) / (scans.size() * scan.angles()), "read");
                    }
                }
                scan.flats();
                scan.darks();
                String own = scan.angles() + " × " + scan.rows() + " × " + scan.cols();
                if (shape != null && !shape.equals(own)) {
                    throw new BadScanException("the scans of one set differ in shape: " + scans.get(0).getFileName()
                            + " is " + shape + ", " + scans.get(s).getFileName() + " is " + own
                            + " (angles × rows × columns)");
                }
                shape = own;
            }
        }
        return shape;
    }
}
