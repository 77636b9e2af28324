package se.ixbi.processes.specimen;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CustodyEventRepository extends JpaRepository<CustodyEvent, Long> {

    List<CustodyEvent> findBySpecimenIdOrderById(Long specimenId);
}
