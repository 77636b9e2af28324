package se.ixbi.fhirbridge.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {

    static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final PatientIdentifier PATIENT = new PatientIdentifier("http://electronichealth.se/identifier/personnummer",
            "191212121212");
    /** the engine's own guard against personal identity numbers (PatientIdentifierGuard) */
    static final Pattern PERSONNUMMER = Pattern.compile("(?<!\\d)(\\d{2})?\\d{2}[01]\\d[0-9]\\d[-+_]?\\d{4}(?!\\d)");

    @TempDir
    Path dir;

    Pseudonyms with(String key) {
        return new Pseudonyms(new PseudonymProperties(key, false, dir.resolve("demo.key")));
    }

    @Test
    void theSameOrderGivesTheSamePseudonymAndAnythingElseAnother() {
        Pseudonyms p = with(KEY);
        String first = p.of(PATIENT, "liver-fibrosis", "REF-1");
        assertThat(first).matches("PSN-[A-Z]{20}").isEqualTo(p.of(PATIENT, "liver-fibrosis", "REF-1"));
        assertThat(p.of(PATIENT, "liver-fibrosis", "REF-2")).isNotEqualTo(first);
        assertThat(p.of(PATIENT, "kidney-transplant", "REF-1")).isNotEqualTo(first);
        assertThat(p.of(new PatientIdentifier(PATIENT.system(), "191212121213"), "liver-fibrosis", "REF-1"))
                .isNotEqualTo(first);
        // without the key nobody can go from the patient to the pseudonym
        assertThat(with(OTHER_KEY).of(PATIENT, "liver-fibrosis", "REF-1")).isNotEqualTo(first);
    }

    @Test
    void pseudonymsNeverLookLikeAPersonalIdentityNumberAndDoNotCollide() {
        Pseudonyms p = with(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String pseudonym = p.of(new PatientIdentifier(PATIENT.system(), String.format("19%010d", i)),
                    "liver-fibrosis", null);
            assertThat(PERSONNUMMER.matcher(pseudonym).find()).as(pseudonym).isFalse();
            assertThat(seen.add(pseudonym)).as("collision at %d", i).isTrue();
        }
    }

    @Test
    void withoutAKeyOfAtLeast256BitsTheBridgeRefusesToStartOutsideTheDemoMode() {
        assertThatThrownBy(() -> with(null)).hasMessageContaining("IXBI_BRIDGE_PSEUDONYM_KEY")
                .hasMessageContaining("refuses to start");
        assertThatThrownBy(() -> with("c2hvcnQta2V5")).hasMessageContaining("72 bits")
                .hasMessageContaining("at least 256");
        assertThatThrownBy(() -> with("not base64 !")).hasMessageContaining("not base64");
    }

    @Test
    void theDemoModeMakesItsKeyOnceAndKeepsIt() throws Exception {
        Path file = dir.resolve("data/demo.key");
        String first = new Pseudonyms(new PseudonymProperties(null, true, file)).of(PATIENT, "liver-fibrosis", null);
        assertThat(Files.readString(file)).hasSizeGreaterThanOrEqualTo(44);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        String again = new Pseudonyms(new PseudonymProperties(null, true, file)).of(PATIENT, "liver-fibrosis", null);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void neitherThePropertiesNorThePatientPrintTheirSecrets() {
        assertThat(new PseudonymProperties(KEY, false, dir).toString()).doesNotContain(KEY);
        assertThat(PATIENT.toString()).doesNotContain("191212121212");
    }
}
