package se.ixbi.processes.cases;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;

/** How other features look a case up: by id, failing with a clear code when it is unknown or closed. */
@Component
public class Cases {

    private final CaseRepository repository;

    Cases(CaseRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Case require(String caseId) {
        return repository.findById(caseId)
                .orElseThrow(() -> new IxbiException(ErrorCode.CASE_NOT_FOUND, "No case with id " + caseId));
    }

    @Transactional
    public Case requireActive(String caseId) {
        Case c = require(caseId);
        if (!c.isActive()) {
            throw new IxbiException(ErrorCode.CASE_CLOSED,
                    "Case " + caseId + " is " + c.getStatus() + "; it accepts no further work");
        }
        return c;
    }
}
