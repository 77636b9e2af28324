package se.ixbi.processes.specimen;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;

/** Registers specimens with barcodes unique across all cases, and records their first custody event. */
@Service
public class SpecimenRegistry {

    public static final Pattern BARCODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{3,31}");

    private final SpecimenRepository specimens;
    private final Cases cases;
    private final CustodyLog custody;
    private final AuditTrail audit;
    private final Clock clock;

    SpecimenRegistry(SpecimenRepository specimens, Cases cases, CustodyLog custody, AuditTrail audit, Clock clock) {
        this.specimens = specimens;
        this.cases = cases;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
    }

    /** The cores of one biopsy, collected at the clinic. All or none are registered. */
    @Transactional
    public List<Specimen> registerCores(String caseId, List<String> barcodes, String tissueType, Double sizeMm,
            String location, String actor) {
        cases.requireActive(caseId);
        requireFreshBarcodes(barcodes);
        Instant now = Instant.now(clock);
        List<Specimen> cores = barcodes.stream()
                .map(b -> specimens.save(new Specimen(caseId, null, SpecimenType.CORE, b, tissueType, sizeMm,
                        null, actor, now)))
                .toList();
        cores.forEach(core -> custody.append(core, CustodyAction.COLLECTED, location, actor, "biopsy core"));
        audit.record(actor, "SPECIMENS_REGISTERED", caseId, "cores " + String.join(", ", barcodes));
        return cores;
    }

    /** A block, section or lamella cut from a specimen of the same case. */
    @Transactional
    public Specimen registerDerived(String caseId, SpecimenType type, String barcode, String parentBarcode,
            String description, String actor) {
        cases.requireActive(caseId);
        if (type == SpecimenType.CORE) {
            throw new IxbiException(ErrorCode.INVALID_SPECIMEN, "Cores are registered when the biopsy is recorded");
        }
        requireFreshBarcodes(List.of(barcode));
        Specimen parent = specimens.findByBarcode(parentBarcode)
                .filter(p -> p.getCaseId().equals(caseId))
                .orElseThrow(() -> new IxbiException(ErrorCode.INVALID_SPECIMEN,
                        "Case " + caseId + " has no specimen with barcode " + parentBarcode));
        if (!type.allowedParents().contains(parent.getType())) {
            throw new IxbiException(ErrorCode.INVALID_SPECIMEN,
                    "A " + type + " cannot be cut from a " + parent.getType() + "; allowed parents: "
                            + type.allowedParents());
        }
        Specimen derived = specimens.save(new Specimen(caseId, parent, type, barcode, parent.getTissueType(), null,
                description, actor, Instant.now(clock)));
        custody.append(derived, CustodyAction.PREPARED, "lab", actor, type + " from " + parentBarcode);
        audit.record(actor, "SPECIMEN_REGISTERED", caseId, type + " " + barcode + " from " + parentBarcode);
        return derived;
    }

    @Transactional
    public Specimen require(String barcode) {
        return specimens.findByBarcode(barcode)
                .orElseThrow(() -> new IxbiException(ErrorCode.SPECIMEN_NOT_FOUND, "No specimen with barcode " + barcode));
    }

    @Transactional
    public List<Specimen> ofCase(String caseId) {
        return specimens.findByCaseIdOrderById(caseId);
    }

    private void requireFreshBarcodes(List<String> barcodes) {
        List<String> malformed = barcodes.stream().filter(b -> b == null || !BARCODE.matcher(b).matches()).toList();
        if (!malformed.isEmpty()) {
            throw new IxbiException(ErrorCode.INVALID_SPECIMEN,
                    "Barcodes must be 4-32 upper-case letters, digits or dashes: " + malformed);
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = barcodes.stream().filter(b -> !seen.add(b)).collect(Collectors.toSet());
        if (!repeated.isEmpty()) {
            throw new IxbiException(ErrorCode.DUPLICATE_BARCODE, "Barcodes listed twice: " + repeated);
        }
        List<String> taken = specimens.findByBarcodeIn(barcodes).stream().map(Specimen::getBarcode).sorted().toList();
        if (!taken.isEmpty()) {
            throw new IxbiException(ErrorCode.DUPLICATE_BARCODE, "Barcodes already registered: " + taken);
        }
    }
}
