package se.ixbi.processes.cases;

import java.time.Clock;
import java.time.Year;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.stereotype.Component;

/** Issues readable case ids such as {@code IXBI-2026-000042} from a database sequence shared by all nodes. */
@Component
class CaseNumbers {

    private final EntityManager entityManager;
    private final Clock clock;
    private final String nextValueSql;

    CaseNumbers(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.nextValueSql = entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect().getSequenceSupport().getSequenceNextValString("case_number_seq");
    }

    String next() {
        Number n = (Number) entityManager.createNativeQuery(nextValueSql).getSingleResult();
        return "IXBI-%d-%06d".formatted(Year.now(clock).getValue(), n.longValue());
    }
}
