package se.ixbi.processes.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CaseRepository extends JpaRepository<Case, String> {

    boolean existsByPseudonym(String pseudonym);

    List<Case> findAllByOrderByCreatedAtDesc();

    List<Case> findByStatusOrderByCreatedAtDesc(CaseStatus status);

    /** Active cases per stage: stage and count, one grouped query. */
    @Query(value = "select stage, count(*) from ixbi_case where status = 'ACTIVE' group by stage", nativeQuery = true)
    List<Object[]> countActiveByStage();

    /** Active cases of one use case per stage. */
    @Query(value = "select stage, count(*) from ixbi_case where status = 'ACTIVE' and use_case = :useCase"
            + " group by stage", nativeQuery = true)
    List<Object[]> countActiveByStage(@Param("useCase") String useCase);
}
