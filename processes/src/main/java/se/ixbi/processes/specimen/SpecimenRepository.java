package se.ixbi.processes.specimen;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface SpecimenRepository extends JpaRepository<Specimen, Long> {

    Optional<Specimen> findByBarcode(String barcode);

    List<Specimen> findByBarcodeIn(Collection<String> barcodes);

    List<Specimen> findByCaseIdOrderById(String caseId);
}
