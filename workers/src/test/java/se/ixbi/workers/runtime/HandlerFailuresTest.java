package se.ixbi.workers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import se.ixbi.workers.formats.UnreadableFileException;
import se.ixbi.workers.omics.BadCellTableException;
import se.ixbi.workers.runtime.StoredDataHandler.Input;
import se.ixbi.workers.scan.BadScanException;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.ObjectNotFoundException;
import se.ixbi.workers.storage.QuarantinedException;
import se.ixbi.workers.vem.BadStackException;

/**
 * What the handler template makes of a stage's failure: an unreadable upload is the case's business (BAD_UPLOAD,
 * whatever its format), a stored input that fails the same way on every retry is an incident at once, anything else
 * is retried.
 */
class HandlerFailuresTest {

    @Test
    void anUploadUnreadableInAnyFormatMissingOrDamagedIsABadUploadWithItsReason() {
        for (Exception e : new Exception[] {new BadScanException("no /exchange/data"),
            new BadStackException("a non-finite value in slice 3"), new BadCellTableException("line 7: 2 fields"),
            new ChecksumMismatchException("cases/C/B/vem/raw/s.h5", "ab", "cd"),
            new ObjectNotFoundException("cases/C/B/vem/raw/s.h5")}) {
            Exception outcome = StoredDataHandler.failureOf(Input.UPLOAD, e);
            assertThat(outcome).isInstanceOf(BusinessFailure.class).hasMessage(e.getMessage());
            assertThat(((BusinessFailure) outcome).code()).isEqualTo(StoredDataHandler.BAD_UPLOAD);
        }
    }

    @Test
    void aQuarantinedCaseIsAnIncidentAtOnceNotABadUpload() {
        QuarantinedException quarantined = new QuarantinedException("IXBI-1", "cases/IXBI-1/B1/vem/raw/stack.h5");
        for (Input input : Input.values()) {
            assertThat(StoredDataHandler.failureOf(input, quarantined)).isInstanceOf(PermanentFailure.class)
                    .hasMessageStartingWith("case IXBI-1 is quarantined (consent withdrawn)").hasCause(quarantined);
        }
    }

    @Test
    void aStoredInputThatFailsTheSameWayEveryTimeIsAnIncidentAtOnce() {
        for (Exception e : new Exception[] {new BadScanException("truncated"),
            new UnreadableFileException("not a Zarr array"),
            new ChecksumMismatchException("cases/IXBI-1/B/xray/reconstructed/x.zarr", "ab", "cd"),
            new IllegalArgumentException("shape 0 × 0")}) {
            assertThat(StoredDataHandler.failureOf(Input.STORED, e)).isInstanceOf(PermanentFailure.class)
                    .hasMessage(e.getMessage()).hasCause(e);
        }
    }

    @Test
    void aStoredDatasetNotThereYetAndAnythingElseAreLeftToTheRetries() {
        ObjectNotFoundException lagging = new ObjectNotFoundException("cases/C/B/xray/reconstructed/x.manifest.json");
        IOException network = new IOException("connection reset");
        assertThat(StoredDataHandler.failureOf(Input.STORED, lagging)).isSameAs(lagging);
        assertThat(StoredDataHandler.failureOf(Input.STORED, network)).isSameAs(network);
        assertThat(StoredDataHandler.failureOf(Input.UPLOAD, network)).isSameAs(network);
    }
}
