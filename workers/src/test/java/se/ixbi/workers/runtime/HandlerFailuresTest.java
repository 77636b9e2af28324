package se.ixbi.workers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import se.ixbi.workers.formats.UnreadableFileException;
import se.ixbi.workers.omics.BadCellTableException;
import se.ixbi.workers.scan.BadScanException;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.QuarantinedException;
import se.ixbi.workers.vem.BadStackException;

/**
 * What each handler shape makes of a failure: an unreadable upload is the case's business (BAD_UPLOAD, whatever its
 * format), a stored input that fails the same way on every retry is an incident at once, anything else is retried.
 */
class HandlerFailuresTest {

    private static RawUploadHandler upload(Exception failure) {
        return new RawUploadHandler() {
            @Override
            public String topic() {
                return "test.upload";
            }

            @Override
            public Map<String, Object> work(WorkItem item) throws Exception {
                throw failure;
            }
        };
    }

    private static StoredInputHandler stored(Exception failure) {
        return new StoredInputHandler() {
            @Override
            public String topic() {
                return "test.stored";
            }

            @Override
            public Map<String, Object> work(WorkItem item) throws Exception {
                throw failure;
            }
        };
    }

    @Test
    void anUploadUnreadableInAnyFormatIsABadUploadWithItsReason() {
        for (UnreadableFileException e : new UnreadableFileException[] {new BadScanException("no /exchange/data"),
            new BadStackException("a non-finite value in slice 3"), new BadCellTableException("line 7: 2 fields")}) {
            assertThatThrownBy(() -> upload(e).handle(null)).isInstanceOf(BusinessFailure.class)
                    .hasMessage(e.getMessage())
                    .satisfies(f -> assertThat(((BusinessFailure) f).code()).isEqualTo(RawUploadHandler.BAD_UPLOAD));
        }
    }

    @Test
    void aQuarantinedCaseIsAnIncidentAtOnceNotABadUpload() {
        assertThatThrownBy(() -> upload(new QuarantinedException("IXBI-1", "cases/IXBI-1/B1/vem/raw/stack.h5"))
                .handle(null)).isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("case IXBI-1 is quarantined (consent withdrawn)");
    }

    @Test
    void aStoredInputThatFailsTheSameWayEveryTimeIsAnIncidentAtOnce() {
        for (Exception e : new Exception[] {new BadScanException("truncated"),
            new ChecksumMismatchException("cases/IXBI-1/x.zarr", "ab", "cd"), new IllegalArgumentException("shape 0 × 0")}) {
            assertThatThrownBy(() -> stored(e).handle(null)).isInstanceOf(PermanentFailure.class)
                    .hasMessage(e.getMessage()).hasCause(e);
        }
    }

    @Test
    void anythingElseIsLeftToTheRetries() {
        IOException network = new IOException("connection reset");
        assertThatThrownBy(() -> stored(network).handle(null)).isSameAs(network);
        assertThatThrownBy(() -> upload(network).handle(null)).isSameAs(network);
    }
}
