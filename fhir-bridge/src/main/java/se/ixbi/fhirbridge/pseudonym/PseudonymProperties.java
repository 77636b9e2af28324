package se.ixbi.fhirbridge.pseudonym;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that turns a patient into a pseudonym. Without it (and the bridge's database) no result can ever reach
 * the right patient again: back both up together (docs/fhir-mapping.md).
 *
 * @param key at least 256 bits, base64; from the environment ({@code IXBI_BRIDGE_PSEUDONYM_KEY}), never a file in git
 * @param demo the embedded default: with no key, one is made once and kept in {@code demoKeyFile}
 * @param demoKeyFile where the demo mode keeps its key
 */
@ConfigurationProperties("ixbi.bridge.pseudonym")
record PseudonymProperties(
        String key,
        @DefaultValue("false") boolean demo,
        @DefaultValue("./data/fhir-bridge/pseudonym.key") Path demoKeyFile) {

    @Override
    public String toString() {
        return "PseudonymProperties[key=***, demo=" + demo + ", demoKeyFile=" + demoKeyFile + "]";
    }
}
