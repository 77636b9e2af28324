package se.ixbi.processes.cases;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** Every case still in the pipeline, newest first: one query, however many there are. */
    @Transactional(readOnly = true)
    public List<Case> active() {
        return repository.findByStatusOrderByCreatedAtDesc(CaseStatus.ACTIVE);
    }

    /** How many active cases each stage holds (stages without any are absent), of one use case or all. */
    @Transactional(readOnly = true)
    public Map<CaseStage, Long> activeByStage(String useCase) {
        Map<CaseStage, Long> counts = new java.util.EnumMap<>(CaseStage.class);
        for (Object[] row : useCase == null ? repository.countActiveByStage()
                : repository.countActiveByStage(useCase)) {
            counts.put(CaseStage.valueOf(row[0].toString()), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** All cases, newest first, or those of one status. */
    @Transactional(readOnly = true)
    public List<CaseSummary> summaries(CaseStatus status) {
        List<Case> found = status == null
                ? repository.findAllByOrderByCreatedAtDesc()
                : repository.findByStatusOrderByCreatedAtDesc(status);
        return found.stream().map(CaseSummary::of).toList();
    }

    /** These cases (those that exist): one query. */
    @Transactional(readOnly = true)
    public List<Case> byIds(Collection<String> caseIds) {
        return repository.findAllById(caseIds);
    }

    /** The use case of each of these cases (those that exist): one query. */
    @Transactional(readOnly = true)
    public Map<String, String> useCases(Collection<String> caseIds) {
        return repository.findAllById(caseIds).stream().collect(Collectors.toMap(Case::getId, Case::getUseCase));
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
