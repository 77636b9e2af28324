package se.ixbi.workers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.ixbi.workers.storage.ChecksumMismatchException;
import se.ixbi.workers.storage.LocalObjectStore;
import se.ixbi.workers.storage.Sha256;
import se.ixbi.workers.version.WorkersVersion;

/** What the template does for every stage, on a real (local) object store: publish, provenance, fetch, ids. */
class StageRunTest {

    @TempDir
    Path temp;

    private static final String KEY = "cases/IXBI-2026-000001/B1/vem/aligned/d1.zarr";

    private StageRun run(LocalObjectStore store) {
        ExternalTask task = (ExternalTask) Proxy.newProxyInstance(ExternalTask.class.getClassLoader(),
                new Class<?>[] {ExternalTask.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "task-1";
                    case "getTopicName" -> "vem.align";
                    case "getBusinessKey" -> "IXBI-2026-000001";
                    default -> null;
                });
        WorkItem item = new WorkItem(task, null, Long.MAX_VALUE, Clock.systemUTC(), () -> false);
        return new StageRun(item, store, Scratch.in(temp.resolve("scratch"), "task-1"));
    }

    private Path folder() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("made/d1.zarr/0"));
        Files.writeString(dir.resolve("chunk"), "voxels");
        Files.writeString(temp.resolve("made/d1.zarr/.zattrs"), "{}");
        return temp.resolve("made/d1.zarr");
    }

    @Test
    void aPublishedDatasetHasItsFilesItsManifestAndTheVariablesThatNameIt() throws Exception {
        LocalObjectStore store = new LocalObjectStore(temp.resolve("objects"), "ixbi");
        StageRun.Published published = run(store).publish(folder(), KEY);

        assertThat(store.read(KEY + "/0/chunk")).asString().isEqualTo("voxels");
        assertThat(published.manifest().files()).hasSize(2);
        Map<String, Object> vars = published.variables("vemAligned", "d1");
        assertThat(vars).containsEntry("vemAlignedDatasetId", "d1")
                .containsEntry("vemAlignedUri", store.uri(KEY).toString())
                .containsEntry("vemAlignedSha256", published.manifestObject().sha256())
                .containsEntry("vemAlignedSizeBytes", 8L);
        assertThat(Sha256.of(store.read(published.manifestObject().key())))
                .isEqualTo(published.manifestObject().sha256());
    }

    @Test
    void theProvenanceLiesBesideTheDatasetWithTaskInputOutputAndTheStagesRecord() throws Exception {
        LocalObjectStore store = new LocalObjectStore(temp.resolve("objects"), "ixbi");
        StageRun run = run(store);
        StageRun.Published published = run.publish(folder(), KEY);
        run.recordProvenance(published, "d1", Map.of("uri", "s3://ixbi/raw.h5", "datasetId", "r1"),
                Map.of("parameters", Map.of("neighbours", 3)));

        JsonNode p = new ObjectMapper().readTree(store.read("cases/IXBI-2026-000001/B1/vem/aligned/d1.provenance.json"));
        assertThat(p.path("software").asText()).isEqualTo(WorkersVersion.NAME);
        assertThat(p.path("task").path("topic").asText()).isEqualTo("vem.align");
        assertThat(p.path("task").path("case").asText()).isEqualTo("IXBI-2026-000001");
        assertThat(p.path("input").path("datasetId").asText()).isEqualTo("r1");
        assertThat(p.path("output").path("manifestSha256").asText()).isEqualTo(published.manifestObject().sha256());
        assertThat(p.path("parameters").path("neighbours").asInt()).isEqualTo(3);
        assertThat(p.path("startedAt").asText()).isNotBlank();
        assertThat(p.path("millis").isNumber()).isTrue();
    }

    @Test
    void aFetchedDatasetIsCheckedAgainstItsManifest() throws Exception {
        LocalObjectStore store = new LocalObjectStore(temp.resolve("objects"), "ixbi");
        StageRun run = run(store);
        StageRun.Published published = run.publish(folder(), KEY);

        Path fetched = run.fetchDataset(published.uri().toString(), published.manifestObject().sha256(), "in.zarr");
        assertThat(fetched.resolve("0/chunk")).hasContent("voxels");
        assertThatThrownBy(() -> run.fetchDataset(published.uri().toString(), "0".repeat(64), "again.zarr"))
                .isInstanceOf(ChecksumMismatchException.class);
    }

    @Test
    void theSamePartsGiveTheSameDatasetIdAndOtherPartsAnother() {
        assertThat(StageRun.datasetId("raw-1", "{\"a\":1}")).isEqualTo(StageRun.datasetId("raw-1", "{\"a\":1}"))
                .isNotEqualTo(StageRun.datasetId("raw-1", "{\"a\":2}"));
    }
}
