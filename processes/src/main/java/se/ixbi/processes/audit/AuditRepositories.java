package se.ixbi.processes.audit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long>, JpaSpecificationExecutor<AuditEvent> {

    List<AuditEvent> findByCaseIdOrderBySeq(String caseId);

    List<AuditEvent> findAllByOrderBySeqDesc(Pageable page);

    @Query("select e from AuditEvent e order by e.seq")
    Stream<AuditEvent> streamAll();
}

interface AuditHeadRepository extends JpaRepository<AuditHead, Integer> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from AuditHead h where h.id = 1")
    Optional<AuditHead> lockHead();
}
