package se.ixbi.processes.custody;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;
import se.ixbi.processes.specimen.CustodyAction;
import se.ixbi.processes.specimen.CustodyEventView;
import se.ixbi.processes.specimen.CustodyLog;
import se.ixbi.processes.specimen.Specimen;
import se.ixbi.processes.specimen.SpecimenRegistry;
import se.ixbi.processes.workflow.Correlations;
import se.ixbi.processes.workflow.ProcessConstants;

/**
 * A barcode scan somewhere along the specimen's way; every scan is a fact and is recorded. The first core scanned
 * at the beamline completes the hand-off the biopsy process waits for; later cores of the same case are recorded
 * without touching the process. Scanning the same specimen in at the beamline twice is refused (409), nothing kept.
 */
@Service
public class CustodyScans {

    private final SpecimenRegistry specimens;
    private final Cases cases;
    private final CustodyLog log;
    private final Correlations correlations;
    private final AuditTrail audit;

    CustodyScans(SpecimenRegistry specimens, Cases cases, CustodyLog log, Correlations correlations, AuditTrail audit) {
        this.specimens = specimens;
        this.cases = cases;
        this.log = log;
        this.correlations = correlations;
        this.audit = audit;
    }

    @Transactional
    public CustodyEventView scan(String barcode, CustodyAction action, String location, String note, String actor) {
        Specimen specimen = specimens.require(barcode);
        String caseId = specimen.getCaseId();
        cases.requireActive(caseId);
        if (action == CustodyAction.RECEIVED_AT_BEAMLINE && log.chainOf(specimen.getId()).stream()
                .anyMatch(e -> e.action() == CustodyAction.RECEIVED_AT_BEAMLINE)) {
            throw new IxbiException(ErrorCode.ALREADY_RECEIVED,
                    "Specimen " + barcode + " was already received at the beamline");
        }
        CustodyEventView event = log.append(specimen, action, location, actor, note);
        audit.record(actor, "CUSTODY_" + action, caseId, barcode + " at " + location);
        if (action == CustodyAction.RECEIVED_AT_BEAMLINE
                && correlations.isWaiting(caseId, ProcessConstants.MSG_SAMPLE_RECEIVED)) {
            correlations.correlate(caseId, ProcessConstants.MSG_SAMPLE_RECEIVED,
                    Map.of("receivedBarcode", barcode, "receivedAt", location));
        }
        return event;
    }
}
