package se.ixbi.processes.consent;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConsentRepository extends JpaRepository<Consent, Long> {

    Optional<Consent> findByCaseId(String caseId);
}
