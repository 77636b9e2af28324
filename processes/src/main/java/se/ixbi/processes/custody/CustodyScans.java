package se.ixbi.processes.custody;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.audit.AuditTrail;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.specimen.Specimen;
import se.ixbi.processes.specimen.SpecimenRegistry;
import se.ixbi.processes.workflow.Correlations;
import se.ixbi.processes.workflow.ProcessConstants;

/**
 * A barcode scan somewhere along the specimen's way. The scan at the beamline completes the hand-off the biopsy
 * process waits for; if the case is not waiting for it, the scan is refused and nothing is recorded.
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
        cases.requireActive(specimen.getCaseId());
        CustodyEventView event = log.append(specimen, action, location, actor, note);
        audit.record(actor, "CUSTODY_" + action, specimen.getCaseId(), barcode + " at " + location);
        if (action == CustodyAction.RECEIVED_AT_BEAMLINE) {
            correlations.correlate(specimen.getCaseId(), ProcessConstants.MSG_SAMPLE_RECEIVED,
                    Map.of("receivedBarcode", barcode, "receivedAt", location));
        }
        return event;
    }
}
