package se.ixbi.workers.fusion;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param cellTypeModel an ONNX classifier of cell types ({@link OnnxCellTypes}); none: types are found by clustering
 */
@ConfigurationProperties("ixbi.fusion")
record FusionProperties(Path cellTypeModel) {
}
