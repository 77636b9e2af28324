package se.ixbi.processes.cases;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CaseRepository extends JpaRepository<Case, String> {

    boolean existsByPseudonym(String pseudonym);

    List<Case> findAllByOrderByCreatedAtDesc();

    List<Case> findByStatusOrderByCreatedAtDesc(CaseStatus status);
}
