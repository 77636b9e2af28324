package se.ixbi.fhirbridge.pseudonym;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The only place where a pseudonym meets a patient: the bridge's own table ({@code patient_link}) in its own
 * schema and database. The engine never sees it.
 */
@Component
public class PatientLinks {

    private final JdbcClient jdbc;
    private final Clock clock;

    PatientLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<PatientLink> byPseudonym(String pseudonym) {
        return jdbc.sql("select pseudonym, patient_system, patient_value, use_case, case_id from patient_link "
                        + "where pseudonym = ?")
                .param(pseudonym)
                .query((rs, n) -> new PatientLink(rs.getString(1),
                        new PatientIdentifier(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** Records the link before the engine hears of the case, so no case can exist whose patient is unknown. */
    public void link(String pseudonym, PatientIdentifier patient, String useCase) {
        if (byPseudonym(pseudonym).isPresent()) {
            return;
        }
        try {
            jdbc.sql("insert into patient_link (pseudonym, patient_system, patient_value, use_case, created_at) "
                            + "values (?, ?, ?, ?, ?)")
                    .params(pseudonym, patient.system(), patient.value(), useCase, Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            // the same registration at the same moment: the pseudonym is the same, so is the link
        }
    }

    public void caseRegistered(String pseudonym, String caseId) {
        jdbc.sql("update patient_link set case_id = ? where pseudonym = ?").params(caseId, pseudonym).update();
    }

    /** A pseudonym, the patient behind it, and the case registered for it (null until the engine confirmed it). */
    public record PatientLink(String pseudonym, PatientIdentifier patient, String useCase, String caseId) {
    }
}
