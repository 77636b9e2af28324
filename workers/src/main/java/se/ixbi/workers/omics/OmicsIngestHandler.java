package se.ixbi.workers.omics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.omezarr.OmeZarrWriter;
import se.ixbi.workers.runtime.BusinessFailure;
import se.ixbi.workers.runtime.StageRun;
import se.ixbi.workers.runtime.StoredDataHandler;
import se.ixbi.workers.runtime.WorkItem;
import se.ixbi.workers.runtime.WorkerProperties;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.version.WorkersVersion;

/**
 * {@code omics.ingest}: reads the uploaded cell table (AnnData {@code .h5ad} or CSV), runs QC and normalisation
 * ({@link OmicsQc}) and stores beside it a folder with the normalised and the kept raw cells, the QC figures and the
 * section's image (OME-Zarr) that registration places in the X-ray volume: the instrument's own image where the
 * AnnData file carries one ({@link AnnDataFile#image}), otherwise one drawn from the cells' total counts
 * ({@link SectionImage}). An unreadable table, or one where too few cells pass QC, is {@code BAD_UPLOAD} with the
 * reason.
 */
@Component
class OmicsIngestHandler extends StoredDataHandler {

    static final int MIN_CELLS = 10;
    static final double IMAGE_PIXEL_UM = 1.0;
    static final long MAX_IMAGE_PIXELS = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    OmicsIngestHandler(ObjectStore store, WorkerProperties properties) {
        super(Input.UPLOAD, store, properties);
    }

    @Override
    public String topic() {
        return "omics.ingest";
    }

    @Override
    protected Map<String, Object> work(StageRun run) throws Exception {
        WorkItem item = run.item();
        String rawUri = item.requireString("omicsRawUri");
        String rawId = item.requireString("omicsRawDatasetId");
        String rawKey = run.key(rawUri);
        String name = rawKey.substring(rawKey.lastIndexOf('/') + 1);
        OmicsQc qc = new OmicsQc(10, 3);
        String datasetId = StageRun.datasetId(rawId, "qc 10 3", "cp10k log1p", "image " + IMAGE_PIXEL_UM);
        String prefix = folder(item.caseId(), rawKey, datasetId);

        run.progress(0, "download");
        Path raw = run.fetchObject(rawUri, item.string("omicsRawSha256"), name.isBlank() ? "cells" : name);
        run.progress(30, "read");
        CellTable table = read(raw);
        MorphologyImage image = isHdf5(raw) ? AnnDataFile.image(raw) : null;
        run.progress(50, "qc");
        OmicsQc.Result result = qc.run(table);
        OmicsQc.Summary s = result.summary();
        if (s.cellsKept() < MIN_CELLS) {
            throw new BusinessFailure(BAD_UPLOAD, String.format(Locale.ROOT, "only %d of %d cells pass QC (at"
                    + " least %d counts and %d genes; median %.0f counts, %.0f genes)", s.cellsKept(), s.cellsIn(),
                    s.minCounts(), s.minGenes(), s.medianCounts(), s.medianGenes()));
        }
        Path out = run.scratchFolder(datasetId + ".omics");
        CellCsv.write(out.resolve("cells.csv"), result.normalised());
        CellCsv.write(out.resolve("counts.csv"), result.kept());
        Map<String, Object> qcJson = new LinkedHashMap<>();
        qcJson.put("assay", item.string("omicsAssay"));
        qcJson.put("input", Map.of("uri", rawUri, "datasetId", rawId));
        qcJson.put("qc", s);
        qcJson.put("normalisation", "counts per 10 000, log1p");
        Volume section = image != null ? fitted(image.asSection())
                : SectionImage.render(result.kept(), IMAGE_PIXEL_UM, 10);
        qcJson.put("sectionImage", image != null
                ? Map.of("source", image.source(), "pixelUm", section.spacing()[1], "instrumentPixelUm",
                        image.pixelUm(), "shape", new int[] {section.height(), section.width()})
                : Map.of("source", "drawn from the cells", "pixelUm", IMAGE_PIXEL_UM, "signal",
                        "total counts per cell, Gaussian spot as wide as 1.5 cell spacings"));
        qcJson.put("software", WorkersVersion.NAME);
        Files.write(out.resolve("qc.json"), JSON.writeValueAsBytes(qcJson));
        run.progress(70, "image");
        OmeZarrWriter.write(out.resolve("section.zarr"), section, Map.of());
        run.progress(85, "upload");
        StageRun.Published published = run.publish(out, prefix);
        Map<String, Object> vars = published.variables("omics", datasetId);
        vars.put("omicsCells", s.cellsIn());
        vars.put("omicsCellsKept", s.cellsKept());
        vars.put("omicsGenes", s.genes());
        vars.put("omicsSoftware", WorkersVersion.NAME);
        return vars;
    }

    /** AnnData by its HDF5 signature, a CSV table otherwise. */
    static CellTable read(Path file) throws IOException {
        return isHdf5(file) ? AnnDataFile.read(file) : CellCsv.read(file);
    }

    private static boolean isHdf5(Path file) throws IOException {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 8);
            return n == 8 && head[0] == (byte) 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F';
        }
    }

    /**
     * A whole-slide morphology image (tens of thousands of pixels a side) averaged down to at most
     * {@value #MAX_IMAGE_PIXELS} pixels: registration works at the X-ray volume's micrometre scale.
     */
    static Volume fitted(Volume image) {
        long pixels = (long) image.height() * image.width();
        int factor = (int) Math.ceil(Math.sqrt((double) pixels / MAX_IMAGE_PIXELS));
        return factor <= 1 ? image : image.blockAverage(1, factor, factor);
    }

    /** {@code cases/<case>/<specimen>/omics/reconstructed/<id>.omics}, the specimen from the raw key. */
    static String folder(String caseId, String rawKey, String datasetId) throws BusinessFailure {
        String[] parts = rawKey.split("/");
        if (parts.length < 5 || !parts[0].equals("cases") || !parts[1].equals(caseId)) {
            throw new BusinessFailure(BAD_UPLOAD, "the upload " + rawKey + " is not under cases/" + caseId
                    + "/<specimen>/: it cannot be filed with this case");
        }
        return "cases/" + caseId + "/" + parts[2] + "/omics/reconstructed/" + datasetId + ".omics";
    }
}
