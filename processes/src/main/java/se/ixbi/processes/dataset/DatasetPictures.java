package se.ixbi.processes.dataset;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.objectreader.ObjectReader;

/**
 * A case's pictures, as the console lists and serves them: read from the store by the engine (the browser never
 * holds store credentials) and checked against the SHA-256 recorded when the task that made them completed.
 */
@Service
public class DatasetPictures {

    private final DatasetPictureRepository pictures;
    private final ObjectReader objects;

    DatasetPictures(DatasetPictureRepository pictures, ObjectReader objects) {
        this.pictures = pictures;
        this.objects = objects;
    }

    /** A picture as a page names it; {@code transformId} is set where it shows a registration. */
    public record PictureView(String id, String datasetId, String transformId, String name, String caption,
            long sizeBytes) {
    }

    @Transactional(readOnly = true)
    public List<PictureView> ofCase(String caseId) {
        return pictures.findByCaseIdOrderByCreatedAtAscNameAsc(caseId).stream()
                .map(p -> new PictureView(p.getId(), p.getDatasetId(), p.getTransformId(), p.getName(),
                        p.getCaption(), p.getSizeBytes()))
                .toList();
    }

    /**
     * The picture's PNG bytes; empty when the case has no such picture. A picture that is gone from the store or
     * no longer matches its checksum is an {@link IllegalStateException} that says so.
     */
    @Transactional(readOnly = true)
    public Optional<byte[]> png(String caseId, String pictureId) {
        return pictures.findByIdAndCaseId(pictureId, caseId).map(p -> {
            byte[] bytes = objects.read(URI.create(p.getUri())).orElseThrow(() -> new IllegalStateException(
                    "picture " + p.getName() + " of case " + caseId + " is gone from the store: " + p.getUri()));
            if (!sha256(bytes).equals(p.getSha256())) {
                throw new IllegalStateException("picture " + p.getName() + " of case " + caseId
                        + " no longer matches the checksum recorded when it was made: " + p.getUri());
            }
            return bytes;
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
