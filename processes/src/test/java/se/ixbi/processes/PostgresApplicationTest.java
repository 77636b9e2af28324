package se.ixbi.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.CaseStage;

/** The whole application on a real PostgreSQL server: migrations, a case across stages, the append-only guard. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(CaseDriver.class)
@DirtiesContext
class PostgresApplicationTest {

    /** The server lives as long as the Spring context, which closes right after this class. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RealPostgres {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() throws IOException {
            return EmbeddedPostgres.builder().start();
        }

        @Bean
        DataSource dataSource(EmbeddedPostgres postgres) {
            return postgres.getPostgresDatabase();
        }
    }

    @Autowired
    CaseDriver driver;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;

    @Test
    void migrationsApplyAndACaseRunsOnPostgres() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                String.class)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");

        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);

        var details = driver.details(caseId);
        assertThat(details.stage()).isEqualTo(CaseStage.XRAY);
        assertThat(details.pendingWork()).extracting(w -> w.topic()).containsExactly("xray.reconstruct");
        assertThat(details.specimens()).hasSize(1);
        assertThat(details.datasets()).hasSize(1);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theAuditTrailAndCustodyChainRefuseChangesAndTamperingIsDetected() {
        String caseId = driver.register(1.0);
        driver.consent(caseId, true, true, true);
        driver.biopsy(caseId, "PG" + caseId.substring(10) + "T");

        assertThatThrownBy(() -> jdbc.update("update audit_event set detail = 'edited' where case_id = ?", caseId))
                .hasMessageContaining("APPEND_ONLY");
        assertThatThrownBy(() -> jdbc.update("delete from custody_event"))
                .hasMessageContaining("APPEND_ONLY");

        // an administrator who bypasses the trigger still cannot hide the change
        long seq = jdbc.queryForObject("select min(seq) from audit_event where case_id = ?", Long.class, caseId);
        jdbc.execute("alter table audit_event disable trigger audit_event_append_only");
        try {
            jdbc.update("update audit_event set detail = 'edited' where seq = ?", seq);
            var verification = audit.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.brokenAtSeq()).isEqualTo(seq);
        } finally {
            jdbc.update("update audit_event set detail = (select 'use case ' || use_case from ixbi_case where id = ?) "
                    + "where seq = ?", caseId, seq);
            jdbc.execute("alter table audit_event enable trigger audit_event_append_only");
        }
        assertThat(audit.verify().intact()).isTrue();
    }
}
